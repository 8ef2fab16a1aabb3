// The screenshot page's script (external: the page runs under the strict CSP). Builds every state
// of every element (test/fixtures/element-states.ts) on the shipped bundle, the mock Store and
// plain function hosts, then writes { ok, sheets } (or { ok: false, error }) into #result.
import { functionHost } from '/dist/store-offer-elements.bundle.js';
import { createMockStoreSession } from '/dist/testing/index.js';
import { buildStates, focusState, SHEETS } from '/test/fixtures/element-states.ts';

const output = document.getElementById('result');
buildStates(document.getElementById('states'), { functionHost, createMockStoreSession }).then(
  (built) => {
    /** Focuses the control of `element`'s sheet that shows the focus ring (called before each shot). */
    window.focusState = (element) => focusState(built, element);
    const sheets = SHEETS.map(({ element, title, focus, states }) => ({ element, title, focus, states: states.map(({ state, note }) => ({ state, note })) }));
    output.textContent = JSON.stringify({ ok: true, sheets });
  },
  (error) => (output.textContent = JSON.stringify({ ok: false, error: `${error?.name}: ${error?.message}` })),
);
