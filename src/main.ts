import { mount } from 'svelte';
import { startFirstEngine } from './lib/engine/first-engine';
import './styles/base.css';
import './styles/data-panel.css';
import './styles/notebook.css';
import './styles/print.css';

// DuckDB's worker and wasm start loading before the app's own code: the app's chunk (Svelte,
// Vega, the cells) is fetched and parsed while the engine compiles, not before it is asked for.
const firstEngine = startFirstEngine();
void import('./App.svelte').then(({ default: App }) =>
  mount(App, { target: document.getElementById('app')!, props: { firstEngine } }),
);
