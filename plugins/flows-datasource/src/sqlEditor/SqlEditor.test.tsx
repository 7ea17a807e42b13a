import type * as GrafanaUi from '@grafana/ui';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import React, { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { mountedEditors } from '../test/codeEditorShim';
import { flowsSchema } from '../test/schemaFixture';
import { SqlEditor } from './SqlEditor';

vi.mock('@grafana/ui', async (importOriginal) => ({
  ...(await importOriginal<typeof GrafanaUi>()),
  CodeEditor: (await import('../test/codeEditorShim')).CodeEditorShim,
}));

const source = () => ({ engine: 'clickhouse' as const, schema: flowsSchema, variables: ['namespace'] });

function renderEditor(value: string) {
  const onChange = vi.fn();
  const onRun = vi.fn();
  const view = render(<SqlEditor value={value} onChange={onChange} onRun={onRun} completionSource={source} />);
  return { onChange, onRun, editor: mountedEditors[mountedEditors.length - 1]!, view };
}

describe('SqlEditor', () => {
  it('is a SQL editor that reports each edit', async () => {
    const onChange = vi.fn();
    function Harness() {
      const [sql, setSql] = useState('SELECT');
      return (
        <SqlEditor
          value={sql}
          onChange={(next) => {
            onChange(next);
            setSql(next);
          }}
          onRun={() => {}}
          completionSource={source}
        />
      );
    }
    render(<Harness />);
    const textarea = screen.getByLabelText('SQL editor');
    expect(textarea).toHaveAttribute('data-language', 'sql');
    await userEvent.type(textarea, ' 1');
    expect(onChange).toHaveBeenLastCalledWith('SELECT 1');
  });

  it('runs on Ctrl/Cmd+Enter with the text as it is in the editor', () => {
    const { onChange, onRun, editor } = renderEditor('SELECT 2');
    editor.pressCtrlEnter();
    expect(onChange).toHaveBeenCalledWith('SELECT 2');
    expect(onRun).toHaveBeenCalledTimes(1);
  });

  it('suggests macros as snippets replacing what was typed', () => {
    const { editor } = renderEditor('SELECT 1 FROM flows WHERE $__time');
    const suggestions = editor.complete();
    const timeFilter = suggestions.find((s) => s.label === '$__timeFilter')!;
    expect(timeFilter).toMatchObject({
      insertText: '\\$__timeFilter(${1:flowEndSeconds})',
      insertTextRules: 4,
      range: { startLineNumber: 1, endLineNumber: 1, startColumn: 27, endColumn: 34 },
    });
  });

  it('suggests columns from the schema on the line being edited', () => {
    const { editor } = renderEditor('SELECT\n  source');
    const columns = editor.complete().filter((s) => s.kind === 3);
    expect(columns.map((s) => s.label)).toContain('sourcePodNamespace');
    expect(columns[0]!.range).toMatchObject({ startLineNumber: 2, startColumn: 3, endColumn: 9 });
  });

  it('explains macros on hover', () => {
    const { editor } = renderEditor('WHERE $__timeFilter(flowEndSeconds)');
    expect(editor.hover(10)?.[0]).toBe('**$__timeFilter(column)**');
    expect(editor.hover(25)?.[1]).toContain('export interval');
  });

  it('answers only for its own editor, and unregisters when unmounted', () => {
    const first = renderEditor('SELECT fl');
    const second = renderEditor('SELECT 1');
    const foreignModel = second.editor.model;
    const provider = first.editor.completionProviders[0]!;
    expect(provider.provideCompletionItems(foreignModel, { lineNumber: 1, column: 9 }).suggestions).toEqual([]);
    first.view.unmount();
    expect(first.editor.disposed).toBeGreaterThanOrEqual(2);
  });
});
