import { mount } from 'svelte';
import App from './App.svelte';
import './styles/base.css';
import './styles/data-panel.css';
import './styles/notebook.css';
import './styles/print.css';

mount(App, { target: document.getElementById('app')! });
