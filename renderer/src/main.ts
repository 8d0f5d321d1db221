import { mount } from 'svelte';
import App from './App.svelte';
import { createApi } from './lib/api-client';
import { withPrefetch } from './lib/prefetch';
import { WizardStore } from './lib/wizard-store.svelte';
import './styles.css';

const { api: direct, frontDoor } = createApi();
const { api, prefetch } = withPrefetch(direct);
const store = new WizardStore(api, prefetch);
const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');
// The first requests go out before the page is drawn, so the answers travel while it is.
void store.load();
mount(App, { target, props: { store, frontDoor } });
