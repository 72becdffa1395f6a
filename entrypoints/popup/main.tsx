import { render } from 'preact';
import '@/assets/theme.css';
import { PopupApp } from './App';

render(<PopupApp />, document.getElementById('app')!);
