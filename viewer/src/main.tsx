import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createApiClient } from './api/client.js';
import { App } from './app/App.js';
import { startViewer } from './app/bootstrap.js';
import { LOCALES, type Locale } from './i18n/messages.js';
import { maybeStartBench } from './scene/bench-mode.js';
import { ViewerContext } from './store/context.js';
import { createViewerStore } from './store/store.js';
import './app/app.css';

const url = new URL(window.location.href);
const api = createApiClient(url, window.sessionStorage);
if (url.searchParams.has('token')) {
  url.searchParams.delete('token');
  window.history.replaceState(null, '', url);
}
const saved = window.localStorage.getItem('twin.locale');
const browser: Locale = navigator.language.toLowerCase().startsWith('zh') ? 'zh' : 'en';
const locale = LOCALES.includes(saved as Locale) ? (saved as Locale) : browser;
const store = createViewerStore(locale);
store.subscribe((s, before) => {
  if (s.locale !== before.locale) {
    window.localStorage.setItem('twin.locale', s.locale);
    document.documentElement.lang = s.locale === 'zh' ? 'zh-CN' : 'en';
  }
});
document.documentElement.lang = locale === 'zh' ? 'zh-CN' : 'en';
// `?bench=<machines>x<wip>` draws a synthetic plant for the frame benchmark instead of the service's.
if (!maybeStartBench(store)) startViewer(store, api);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ViewerContext.Provider value={{ store, api }}>
      <App />
    </ViewerContext.Provider>
  </StrictMode>,
);

// End-to-end tests and the frame benchmark read the store from the page.
(window as unknown as { __twinStore?: typeof store }).__twinStore = store;
