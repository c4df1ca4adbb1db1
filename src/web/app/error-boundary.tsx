// One error boundary per feature route: a page that throws while rendering shows what failed, in
// the user's language, with a way back — never a blank page — and the rest of the app keeps
// working. The boundary resets when the user navigates elsewhere (keyed by the location).
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Icon } from '../components/icons.tsx';
import { SHELL_NS } from './strings.ts';

export type FeatureName =
  'app' | 'home' | 'run' | 'profile' | 'compare' | 'launch' | 'history' | 'shared';

interface BoundaryProps {
  readonly feature: FeatureName;
  readonly children: ReactNode;
}

interface BoundaryState {
  readonly error: Error | null;
  readonly componentStack: string;
}

function FeatureErrorFallback({
  feature,
  error,
  componentStack,
  onRetry,
}: {
  readonly feature: FeatureName;
  readonly error: Error;
  readonly componentStack: string;
  readonly onRetry: () => void;
}) {
  const { t } = useTranslation(SHELL_NS);
  const details = `${error.name}: ${error.message}\n${componentStack.trim()}`;
  return (
    <section className="feature-error card" role="alert" data-feature-error={feature}>
      <h1>
        <Icon name="alert" /> {t('error.title', { feature: t(`feature.${feature}`) })}
      </h1>
      <p>{t('error.body')}</p>
      <div className="feature-error-actions">
        <Link className="button primary" to="/">
          {t('backToWorkspace')}
        </Link>
        <button type="button" onClick={onRetry}>
          {t('error.retry')}
        </button>
        <button type="button" onClick={() => void navigator.clipboard?.writeText(details)}>
          <Icon name="copy" /> {t('error.copy')}
        </button>
      </div>
      <details>
        <summary>{t('error.details')}</summary>
        <pre className="mono">{details}</pre>
      </details>
    </section>
  );
}

export class FeatureBoundary extends Component<BoundaryProps, BoundaryState> {
  override state: BoundaryState = { error: null, componentStack: '' };

  static getDerivedStateFromError(error: unknown): Partial<BoundaryState> {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(_error: unknown, info: ErrorInfo): void {
    this.setState({ componentStack: info.componentStack ?? '' });
  }

  override render(): ReactNode {
    const { error, componentStack } = this.state;
    if (!error) return this.props.children;
    return (
      <FeatureErrorFallback
        feature={this.props.feature}
        error={error}
        componentStack={componentStack}
        onRetry={() => this.setState({ error: null, componentStack: '' })}
      />
    );
  }
}
