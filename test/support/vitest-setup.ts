/**
 * testing-library's findBy… and waitFor wait for a state, but give up after 1 s by default: on a loaded
 * two-core machine a step component can take longer to answer through a real core. The ceiling is raised;
 * the tests still end as soon as the state appears.
 */
import { configure } from '@testing-library/svelte';

configure({ asyncUtilTimeout: 15_000 });
