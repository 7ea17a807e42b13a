import { standardEditorsRegistry } from '@grafana/data';

// Grafana's app registers its option editors at start; @grafana/data alone has none, and the builder
// looks each one up by id. Tests check what options declare, so empty editors stand in.
const editorIds = ['boolean', 'radio', 'text'];

standardEditorsRegistry.setInit(() => editorIds.map((id) => ({ id, name: id, editor: () => null })));

export {};
