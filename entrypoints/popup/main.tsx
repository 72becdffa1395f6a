import { render } from 'preact';
import '@/assets/theme.css';
import { prepareInboxOpening } from '@/lib/platform';
import { PopupApp } from './App';

prepareInboxOpening();
render(<PopupApp />, document.getElementById('app')!);
