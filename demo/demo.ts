/**
 * The demo page: mounts the shop (`<template id="shop">`) for the chosen scenario, with a fresh
 * mock Store scenario and a mock WebView2 host that speaks the real message protocol, and logs
 * what happens. An app would import from 'store-offer-elements' instead of '../src/'.
 */
import '../src/define.js';
import { webView2Host, type ChromeWebView, type StoreHost, type StoreOffers } from '../src/index.js';
import { createMockStoreSession, installMockWebView, type MockHost, type MockStoreSession } from '../src/testing/index.js';
import { translate } from './i18n.js';
import { DemoLog, STORE_EVENTS } from './log.js';
import { products, SCENARIOS, storeOffers, type AccountSwitch, type DemoLanguage, type WireShape } from './scenarios.js';

/** Where the claim queue of the demo stores its claims (cleared at every run). */
const CLAIMS_KEY = 'store-offer-elements-demo:claims';
const POLL_MS = 400;

const $ = <T extends Element>(selector: string) => document.querySelector<T>(selector)!;
const app = $<HTMLElement>('#app');
const template = $<HTMLTemplateElement>('#shop');
const scenarioSelect = $<HTMLSelectElement>('#scenario');
const description = $<HTMLElement>('#scenario-description');
const statusOutput = $<HTMLOutputElement>('#status');
const windowNote = $<HTMLElement>('#window-note');
const log = new DemoLog($<HTMLOListElement>('#log'));

/** One mounted run: its Store session, its mock host, and how much of the Store's log is shown. */
interface Run {
  session: MockStoreSession;
  /** When the Store scenario was created, on the log's clock. */
  createdAt: number;
  mock?: MockHost;
  host?: StoreHost;
  provider: StoreOffers;
  loggedRequests: number;
}

let current: Run | undefined;
let generation = 0;

/** The checked value of a radio group. */
const chosen = <T extends string>(name: string) => $<HTMLInputElement>(`input[name="${name}"]:checked`).value as T;

/** Replaces the shop with a fresh one for the chosen scenario, shape and language. */
async function mount() {
  const run = ++generation;
  unmount();
  log.clear();
  clearClaims();
  const scenario = SCENARIOS.find((s) => s.id === scenarioSelect.value) ?? SCENARIOS[0]!;
  const lang = chosen<DemoLanguage>('lang');
  description.textContent = scenario.description;
  document.documentElement.lang = lang;
  saveChoices();

  const { store, host: hostScenario, token, carried, accountSwitches } = scenario.build(storeOffers(chosen<WireShape>('shape')));
  const session = await createMockStoreSession(store);
  if (run !== generation) return; // another mount started meanwhile
  const createdAt = log.elapsed(); // the scenario's clock starts just before this

  // The "native side": installs window.chrome.webview, as WebView2 does, answering per the scenario.
  // Host-carried: the native side sends to the mock Store itself, as HttpClient would.
  const storeEndpoint = carried ? session.endpoint : undefined;
  const mock = hostScenario ? installMockWebView({ products: products(lang), storeEndpoint, ...hostScenario }) : undefined;
  if (mock) logRequestsToHost();
  windowNote.textContent = mock ? 'WebView2 page · mock host · mock Store' : 'Browser page · no host · mock Store';
  // importNode (not cloneNode) upgrades the elements at once, so the properties below land on them.
  const shop = document.importNode(template.content, true);
  translate(shop, lang);
  const provider = shop.querySelector('store-offers')!;
  // Host-carried calls need neither endpoint nor token in the page.
  if (!carried) provider.endpoint = session.endpoint;
  provider.claimOptions = { key: CLAIMS_KEY, retry: { baseDelay: 1000, maxDelay: 8000 } };
  const host = mock ? webView2Host() : undefined;
  if (host) provider.host = host;
  if (token) provider.token = token;
  current = { session, createdAt, mock, host, provider, loggedRequests: 0 };
  if (mock && accountSwitches) switchAccountsAfterPurchase(provider, mock, accountSwitches);
  app.replaceChildren(shop);
}

/** After the first purchase that succeeds, the mock host signs the scenario's users in, in turn (while this run lasts). */
function switchAccountsAfterPurchase(provider: StoreOffers, mock: MockHost, switches: AccountSwitch[]) {
  const run = generation;
  const start = () => {
    for (const { afterMs, account, name } of switches) {
      setTimeout(() => {
        if (run !== generation) return;
        log.hostEvent('account-changed', { account }, `${name} signs in`);
        mock.switchAccount(account);
      }, afterMs);
    }
  };
  provider.addEventListener('store-purchase-complete', start, { once: true });
}

/** Removes the shop and its host; a purchase still in flight is heard out (its button elsewhere stays busy until then). */
function unmount() {
  if (!current) return;
  current.provider.remove();
  current.host?.dispose?.();
  current.mock?.uninstall();
  current = undefined;
  statusOutput.value = 'idle';
}

/** Logs every message the page posts to the (mock) WebView2 host, as it is sent. */
function logRequestsToHost() {
  const webview = (globalThis as { chrome?: { webview?: ChromeWebView } }).chrome!.webview!;
  const post = webview.postMessage.bind(webview);
  webview.postMessage = (message) => {
    log.hostRequest(message);
    post(message);
  };
}

function clearClaims() {
  for (const key of Object.keys(localStorage)) if (key.startsWith(`${CLAIMS_KEY}:`)) localStorage.removeItem(key);
}

/** Logs what the mock Store received since the last poll, and shows the provider's status. */
async function poll() {
  const run = current;
  if (!run) return;
  statusOutput.value = run.provider.status;
  const { requests } = await run.session.log();
  if (run !== current) return;
  for (const request of requests.slice(run.loggedRequests)) log.storeRequest(request, run.createdAt);
  run.loggedRequests = requests.length;
}

function pollForever() {
  // A failed poll (the server went away) is retried by the next one.
  poll()
    .catch(() => undefined)
    .finally(() => setTimeout(pollForever, POLL_MS));
}

/** Keeps the choices in the address bar, so a state can be shared or reloaded (`?scenario=…&theme=…`). */
function saveChoices() {
  const params = new URLSearchParams({
    scenario: scenarioSelect.value,
    shape: chosen('shape'),
    theme: chosen('theme'),
    lang: chosen('lang'),
  });
  history.replaceState(null, '', `?${params}`);
}

/** Reads the choices from the address bar. */
function loadChoices() {
  const params = new URLSearchParams(location.search);
  if (SCENARIOS.some((s) => s.id === params.get('scenario'))) scenarioSelect.value = params.get('scenario')!;
  for (const name of ['shape', 'theme', 'lang']) {
    const input = document.querySelector<HTMLInputElement>(`input[name="${name}"][value="${CSS.escape(params.get(name) ?? '')}"]`);
    if (input) input.checked = true;
  }
}

function applyTheme() {
  document.documentElement.className = `theme-${chosen('theme')}`;
  saveChoices();
}

for (const scenario of SCENARIOS) scenarioSelect.add(new Option(scenario.label, scenario.id));
for (const type of STORE_EVENTS) document.addEventListener(type, (event) => log.event(event));
scenarioSelect.addEventListener('change', mount);
$('#restart').addEventListener('click', mount);
$('#clear-log').addEventListener('click', () => log.clear());
for (const input of document.querySelectorAll<HTMLInputElement>('input[name="shape"], input[name="lang"]')) input.addEventListener('change', mount);
for (const input of document.querySelectorAll<HTMLInputElement>('input[name="theme"]')) input.addEventListener('change', applyTheme);

loadChoices();
applyTheme();
await mount();
pollForever();
