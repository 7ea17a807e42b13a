import { standardEditorsRegistry } from '@grafana/data';

// Grafana's app registers its option editors at start; @grafana/data alone has none, and the builder
// looks each one up by id. Tests check what options declare, so empty editors stand in.
const editorIds = ['boolean', 'field-name', 'multi-select', 'number', 'radio', 'slider'];

standardEditorsRegistry.setInit(() => editorIds.map((id) => ({ id, name: id, editor: () => null })));

export {};
