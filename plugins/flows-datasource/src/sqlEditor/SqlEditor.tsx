import { CodeEditor, type Monaco, type MonacoEditor, type monacoTypes } from '@grafana/ui';
import React, { useCallback, useEffect, useRef, useState } from 'react';
import { registerSqlLanguageFeatures } from './monacoLanguageFeatures';
import type { CompletionSource } from './sqlCompletions';

interface Props {
  value: string;
  onChange: (sql: string) => void;
  /** When the editor loses focus, with its text; defaults to onChange. */
  onBlur?: (sql: string) => void;
  /** Ctrl/Cmd+Enter. */
  onRun: () => void;
  completionSource: () => CompletionSource;
  /** Lines visible before the editor scrolls; it grows with the text up to this. */
  maxLines?: number;
}

const lineHeight = 19;
const heightFor = (lines: number, maxLines: number) => Math.min(Math.max(lines, 6), maxLines) * lineHeight + 8;

/**
 * Grafana's Monaco editor with SQL highlighting, macro/variable/schema autocomplete, hovers, and
 * Ctrl/Cmd+Enter to run. Handlers are kept in a ref: Monaco keeps the first ones it was given.
 */
export function SqlEditor({ value, onChange, onBlur, onRun, completionSource, maxLines = 24 }: Props) {
  const latest = useRef({ onChange, onRun, completionSource });
  useEffect(() => {
    latest.current = { onChange, onRun, completionSource };
  });
  const disposables = useRef<monacoTypes.IDisposable[]>([]);
  const [height, setHeight] = useState(() => heightFor(value.split('\n').length, maxLines));

  const onEditorDidMount = useCallback(
    (editor: MonacoEditor, monaco: Monaco) => {
      disposables.current.push(registerSqlLanguageFeatures(monaco, editor, () => latest.current.completionSource()));
      editor.addAction({
        id: 'flowlens.runQuery',
        label: 'Run query',
        keybindings: [monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter],
        run: () => {
          latest.current.onChange(editor.getValue());
          latest.current.onRun();
        },
      });
      disposables.current.push(
        editor.onDidChangeModelContent(() => {
          setHeight(heightFor(editor.getModel()?.getLineCount() ?? 1, maxLines));
        })
      );
    },
    [maxLines]
  );

  useEffect(() => {
    const registered = disposables.current;
    return () => registered.forEach((disposable) => disposable.dispose());
  }, []);

  return (
    <CodeEditor
      value={value}
      language="sql"
      height={height}
      showLineNumbers
      showMiniMap={false}
      onChange={onChange}
      onBlur={onBlur ?? onChange}
      onEditorDidMount={onEditorDidMount}
      monacoOptions={{ scrollBeyondLastLine: false, fixedOverflowWidgets: true, quickSuggestions: true }}
    />
  );
}
