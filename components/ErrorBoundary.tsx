import { Component, type ComponentChildren } from 'preact';
import { logDiagnostic } from '@/lib/diagnostics';

interface Props {
  children: ComponentChildren;
  /** What was being shown, as a fixed description for the diagnostics log (no user content). */
  what: string;
  /** Shown instead of the children once they failed; `retry` renders them again. */
  fallback: (retry: () => void) => ComponentChildren;
  /** When this changes (e.g. the record was read again), the children get another chance. */
  resetKey?: unknown;
}

interface State {
  failed: boolean;
}

/**
 * Keeps one broken piece (a row, a message, a page) from blanking everything around it: what
 * threw is replaced by `fallback`, and the failure is logged without its content.
 */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { failed: false };

  static override getDerivedStateFromError(): State {
    return { failed: true };
  }

  override componentDidCatch(error: unknown): void {
    logDiagnostic('ui', this.props.what, error, 'error');
    // Older Preact versions only call componentDidCatch.
    if (!this.state.failed) this.setState({ failed: true });
  }

  override componentDidUpdate(previous: Props): void {
    if (this.state.failed && previous.resetKey !== this.props.resetKey) this.setState({ failed: false });
  }

  private readonly retry = (): void => this.setState({ failed: false });

  override render() {
    return this.state.failed ? this.props.fallback(this.retry) : this.props.children;
  }
}
