import type { Monaco, MonacoEditor, monacoTypes } from '@grafana/ui';
import { hoverText } from './hoverText';
import { sqlCompletions, type CompletionSource, type SuggestionKind } from './sqlCompletions';

/**
 * Connects the pure completion and hover logic to one Monaco editor. Monaco registers providers per
 * language for every editor on the page, so each provider answers only for its own editor's model.
 * `source` is read at each request, so schema and variables loaded later are used.
 */
export function registerSqlLanguageFeatures(
  monaco: Monaco,
  editor: MonacoEditor,
  source: () => CompletionSource
): monacoTypes.IDisposable {
  const ownModel = (model: monacoTypes.editor.ITextModel) => model.id === editor.getModel()?.id;
  const kinds: Record<SuggestionKind, monacoTypes.languages.CompletionItemKind> = {
    macro: monaco.languages.CompletionItemKind.Snippet,
    variable: monaco.languages.CompletionItemKind.Variable,
    table: monaco.languages.CompletionItemKind.Class,
    column: monaco.languages.CompletionItemKind.Field,
    keyword: monaco.languages.CompletionItemKind.Keyword,
    function: monaco.languages.CompletionItemKind.Function,
  };

  const completion = monaco.languages.registerCompletionItemProvider('sql', {
    triggerCharacters: ['$', '.'],
    provideCompletionItems(model, position) {
      if (!ownModel(model)) {
        return { suggestions: [] };
      }
      const before = model.getValueInRange({
        startLineNumber: 1,
        startColumn: 1,
        endLineNumber: position.lineNumber,
        endColumn: position.column,
      });
      const result = sqlCompletions(before, model.getValue(), source());
      const range = {
        startLineNumber: position.lineNumber,
        endLineNumber: position.lineNumber,
        startColumn: position.column - result.replaceLength,
        endColumn: position.column,
      };
      return {
        suggestions: result.suggestions.map((suggestion) => ({
          label: suggestion.label,
          kind: kinds[suggestion.kind],
          insertText: suggestion.insertText,
          insertTextRules: suggestion.snippet
            ? monaco.languages.CompletionItemInsertTextRule.InsertAsSnippet
            : undefined,
          detail: suggestion.detail,
          documentation: suggestion.documentation,
          sortText: suggestion.sortText,
          range,
        })),
      };
    },
  });

  const hover = monaco.languages.registerHoverProvider('sql', {
    provideHover(model, position) {
      const word = ownModel(model) ? model.getWordAtPosition(position) : null;
      if (!word) {
        return null;
      }
      const lineText = model.getLineContent(position.lineNumber);
      const lines = hoverText(word.word, lineText[word.startColumn - 2] === '$');
      return lines ? { contents: lines.map((value) => ({ value })) } : null;
    },
  });

  return { dispose: () => [completion, hover].forEach((provider) => provider.dispose()) };
}
