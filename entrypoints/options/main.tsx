import { render } from 'preact';
import '@/assets/theme.css';
import { ErrorBoundary } from '@/components/ErrorBoundary';
import { PageFallback } from '@/components/PageFallback';
import { OptionsApp } from './App';

render(
  <ErrorBoundary
    what="The settings page could not be shown"
    fallback={() => <PageFallback page="the settings" onReload={() => location.reload()} />}
  >
    <OptionsApp />
  </ErrorBoundary>,
  document.getElementById('app')!,
);
