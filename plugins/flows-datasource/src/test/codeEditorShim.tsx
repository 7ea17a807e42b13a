import type { CodeEditor, Monaco, MonacoEditor } from '@grafana/ui';
import React, { useEffect, useRef, useState } from 'react';

/**
 * jsdom shim for @grafana/ui's CodeEditor. Monaco cannot load in jsdom (it needs workers, CSS and
 * layout), so component tests replace CodeEditor with a textarea that drives the same props and hands
 * our mount callback a small fake of the Monaco API we use: completion and hover providers, editor
 * actions with keybindings, and a text model. Use it with:
 *
 *   vi.mock('@grafana/ui', async (importOriginal) => ({
 *     ...(await importOriginal<typeof import('@grafana/ui')>()),
 *     CodeEditor: (await import('../test/codeEditorShim')).CodeEditorShim,
 *   }));
 *
 * The real editor is exercised in the browser by the e2e tests.
 */
type Props = React.ComponentProps<typeof CodeEditor>;

interface Position {
  lineNumber: number;
  column: number;
}

interface Range {
  startLineNumber: number;
  startColumn: number;
  endLineNumber: number;
  endColumn: number;
}

interface CompletionProvider {
  triggerCharacters?: string[];
  provideCompletionItems(model: FakeModel, position: Position): { suggestions: Array<Record<string, unknown>> };
}

interface HoverProvider {
  provideHover(model: FakeModel, position: Position): { contents: Array<{ value: string }> } | null;
}

const KeyMod = { CtrlCmd: 2048 };
const KeyCode = { Enter: 3 };

let nextModelId = 1;

class FakeModel {
  readonly id = `model-${nextModelId++}`;
  constructor(public text: string) {}
  getValue() {
    return this.text;
  }
  getLineCount() {
    return this.text.split('\n').length;
  }
  getLineContent(lineNumber: number) {
    return this.text.split('\n')[lineNumber - 1] ?? '';
  }
  offsetAt({ lineNumber, column }: Position) {
    const lines = this.text.split('\n');
    return lines.slice(0, lineNumber - 1).reduce((sum, line) => sum + line.length + 1, 0) + column - 1;
  }
  positionAt(offset: number): Position {
    const before = this.text.slice(0, offset).split('\n');
    return { lineNumber: before.length, column: before[before.length - 1]!.length + 1 };
  }
  getValueInRange(range: Range) {
    return this.text.slice(
      this.offsetAt({ lineNumber: range.startLineNumber, column: range.startColumn }),
      this.offsetAt({ lineNumber: range.endLineNumber, column: range.endColumn })
    );
  }
  getWordAtPosition(position: Position) {
    const line = this.getLineContent(position.lineNumber);
    const index = position.column - 1;
    let start = index;
    while (start > 0 && /\w/.test(line[start - 1]!)) {
      start--;
    }
    let end = index;
    while (end < line.length && /\w/.test(line[end]!)) {
      end++;
    }
    return start === end ? null : { word: line.slice(start, end), startColumn: start + 1, endColumn: end + 1 };
  }
}

/** Everything one mounted shim registered, for assertions. */
export interface MountedEditor {
  model: FakeModel;
  completionProviders: CompletionProvider[];
  hoverProviders: HoverProvider[];
  actions: Array<{ id: string; keybindings?: number[]; run: () => void }>;
  disposed: number;
  /** What the completion providers suggest with the cursor at `offset` (default: end of text). */
  complete(offset?: number): Array<Record<string, unknown>>;
  hover(offset: number): string[] | undefined;
  pressCtrlEnter(): void;
}

export const mountedEditors: MountedEditor[] = [];

function createMountedEditor(value: string) {
  const model = new FakeModel(value);
  const contentListeners: Array<() => void> = [];
  const mounted: MountedEditor = {
    model,
    completionProviders: [],
    hoverProviders: [],
    actions: [],
    disposed: 0,
    complete(offset = model.text.length) {
      const position = model.positionAt(offset);
      return mounted.completionProviders.flatMap(
        (provider) => provider.provideCompletionItems(model, position).suggestions
      );
    },
    hover(offset) {
      const position = model.positionAt(offset);
      const answers = mounted.hoverProviders.map((provider) => provider.provideHover(model, position));
      return answers.find(Boolean)?.contents.map((content) => content.value);
    },
    pressCtrlEnter() {
      mounted.actions
        .filter((action) => action.keybindings?.includes(KeyMod.CtrlCmd | KeyCode.Enter))
        .forEach((action) => action.run());
    },
  };
  const disposable = () => ({ dispose: () => void mounted.disposed++ });
  const monaco = {
    KeyMod,
    KeyCode,
    languages: {
      CompletionItemKind: { Snippet: 27, Variable: 4, Class: 5, Field: 3, Keyword: 17, Function: 1 },
      CompletionItemInsertTextRule: { InsertAsSnippet: 4 },
      registerCompletionItemProvider: (_language: string, provider: CompletionProvider) => {
        mounted.completionProviders.push(provider);
        return disposable();
      },
      registerHoverProvider: (_language: string, provider: HoverProvider) => {
        mounted.hoverProviders.push(provider);
        return disposable();
      },
    },
  };
  const editor = {
    getValue: () => model.text,
    getModel: () => model,
    addAction: (action: MountedEditor['actions'][number]) => {
      mounted.actions.push(action);
      return disposable();
    },
    onDidChangeModelContent: (listener: () => void) => {
      contentListeners.push(listener);
      return disposable();
    },
  };
  const setText = (text: string) => {
    model.text = text;
    contentListeners.forEach((listener) => listener());
  };
  /** The parent changed the value: like Monaco, take it without reporting a user edit. */
  const syncText = (text: string) => {
    model.text = text;
  };
  return { mounted, monaco: monaco as unknown as Monaco, editor: editor as unknown as MonacoEditor, setText, syncText };
}

export function CodeEditorShim(props: Props) {
  const [{ mounted, monaco, editor, setText, syncText }] = useState(() => createMountedEditor(props.value));
  const latestProps = useRef(props);
  useEffect(() => {
    latestProps.current = props;
    syncText(props.value);
  });

  // Monaco mounts once per editor, whatever the later props.
  useEffect(() => {
    mountedEditors.push(mounted);
    latestProps.current.onBeforeEditorMount?.(monaco);
    latestProps.current.onEditorDidMount?.(editor, monaco);
    return () => latestProps.current.onEditorWillUnmount?.();
  }, [mounted, monaco, editor]);

  return (
    <textarea
      aria-label="SQL editor"
      data-language={props.language}
      readOnly={props.readOnly}
      value={props.value}
      onChange={(event) => {
        setText(event.currentTarget.value);
        props.onChange?.(event.currentTarget.value);
      }}
      onBlur={(event) => props.onBlur?.(event.currentTarget.value)}
    />
  );
}
