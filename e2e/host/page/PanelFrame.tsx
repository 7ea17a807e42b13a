/**
 * One panel as a dashboard shows it, without header or menus: the theme context, a panel-coloured box
 * whose content area is exactly width × height, an error boundary like Grafana's around the plugin's
 * component, and a probe that tells the host when React committed this render.
 */
import { type GrafanaTheme2, type PanelProps, ThemeContext } from '@grafana/data';
import {
  Component,
  type ComponentType,
  type ErrorInfo,
  type ReactNode,
  Suspense,
  useContext,
  useLayoutEffect,
} from 'react';

export interface PanelFrameProps {
  slot: string;
  Panel: ComponentType<PanelProps>;
  panelProps: PanelProps;
  theme: GrafanaTheme2;
  onCommit: (renderCounter: number) => void;
  onPanelError: (error: Error, componentStack: string | undefined) => void;
}

export function PanelFrame({ slot, Panel, panelProps, theme, onCommit, onPanelError }: PanelFrameProps) {
  const { width, height, transparent, renderCounter } = panelProps;
  return (
    <ThemeContext.Provider value={theme}>
      <section
        data-panel-slot={slot}
        style={{
          display: 'inline-block',
          margin: theme.spacing(1),
          padding: theme.spacing(1),
          background: transparent ? 'transparent' : theme.components.panel.background,
          border: `1px solid ${transparent ? 'transparent' : theme.components.panel.borderColor}`,
          borderRadius: theme.shape.radius.default,
        }}
      >
        <div data-testid="panel-content" style={{ position: 'relative', width, height, overflow: 'hidden' }}>
          <PanelErrorBoundary resetKey={renderCounter} onError={onPanelError}>
            {/* A panel that suspends (React.lazy) commits this empty fallback first, as under Grafana's boundary. */}
            <Suspense fallback={null}>
              <Panel {...panelProps} />
            </Suspense>
          </PanelErrorBoundary>
        </div>
      </section>
      <CommitProbe renderCounter={renderCounter} onCommit={onCommit} />
    </ThemeContext.Provider>
  );
}

/** Layout effects run once React has committed the whole tree, the panel's own effects included. */
function CommitProbe({
  renderCounter,
  onCommit,
}: {
  renderCounter: number;
  onCommit: (renderCounter: number) => void;
}) {
  useLayoutEffect(() => onCommit(renderCounter), [renderCounter, onCommit]);
  return null;
}

interface BoundaryProps {
  /** A new render of the panel gets a new chance, as in Grafana when data or options change. */
  resetKey: number;
  onError: PanelFrameProps['onPanelError'];
  children: ReactNode;
}

class PanelErrorBoundary extends Component<BoundaryProps, { error?: Error }> {
  override state: { error?: Error } = {};

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo) {
    this.props.onError(error, info.componentStack ?? undefined);
  }

  override componentDidUpdate(previous: BoundaryProps) {
    if (previous.resetKey !== this.props.resetKey && this.state.error) {
      this.setState({ error: undefined });
    }
  }

  override render() {
    const { error } = this.state;
    return error ? <PanelPluginError message={error.message} /> : this.props.children;
  }
}

/** Grafana's wording, so a screenshot of a broken panel reads as it would in a dashboard. */
function PanelPluginError({ message }: { message: string }) {
  const theme = useContext(ThemeContext);
  return (
    <div
      role="alert"
      data-testid="panel-plugin-error"
      style={{ padding: theme.spacing(1), color: theme.colors.error.text }}
    >
      Panel plugin error: {message}
    </div>
  );
}
