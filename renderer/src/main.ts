import { mount } from 'svelte';
import App from './App.svelte';
import { createApi } from './lib/api-client';
import { WizardStore } from './lib/wizard-store.svelte';
import './styles.css';

const { api, frontDoor } = createApi();
const store = new WizardStore(api);
const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');
mount(App, { target, props: { store, frontDoor } });
void store.load();
