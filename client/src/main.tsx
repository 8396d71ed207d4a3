import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
// The base styles first, so every feature's own stylesheet comes after them in the cascade.
import './ui/styles.css';
import { App } from './app/App';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
