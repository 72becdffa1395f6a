import { render } from 'preact';
import '@/assets/theme.css';
import { ErrorBoundary } from '@/components/ErrorBoundary';
import { PageFallback } from '@/components/PageFallback';
import { prepareInboxOpening } from '@/lib/platform';
import { PopupApp } from './App';

prepareInboxOpening();
render(
  <ErrorBoundary what="The popup could not be shown" fallback={() => <PageFallback page="the popup" onReload={() => location.reload()} />}>
    <PopupApp />
  </ErrorBoundary>,
  document.getElementById('app')!,
);
