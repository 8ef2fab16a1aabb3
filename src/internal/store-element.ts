import { ContextConsumer } from '@lit/context';
import { LitElement } from 'lit';
import { property } from 'lit/decorators.js';
import { storeContext, type StoreContext } from './context.js';
import { builtInStrings, type Strings } from './strings.js';

/**
 * The connected elements: every one updates when a `lang` attribute changes where one of them is
 * (the language of its strings may have).
 */
const connected = new Set<StoreElement>();
let langObserver: MutationObserver | undefined;

/** Re-renders every connected element: a `lang` somewhere changed, and with it maybe the language of their strings. */
function updateAll() {
  for (const element of connected) element.requestUpdate();
}

/** Watches `lang` attributes in `root` and below. */
function observeLang(root: Node) {
  langObserver ??= new MutationObserver(updateAll);
  try {
    // Observing the same root twice is one observation.
    langObserver.observe(root, { attributeFilter: ['lang'], subtree: true });
  } catch {
    // A ShadyDOM root (the legacy polyfills) is no Node: its nodes are in the document.
  }
}

/** The node above `node`, crossing from a shadow root to its host; `null` at the top. */
function parentAcrossShadow(node: Node): Node | null {
  if (node.parentNode) return node.parentNode;
  // Only a shadow root (a fragment) leads on to its host: the root of a detached tree is an
  // element, whose `host` may be anything (`<store-offers>`' is the StoreHost).
  if (node.nodeType === Node.DOCUMENT_FRAGMENT_NODE) return (node as ShadowRoot).host ?? null;
  return null;
}

/** The `lang` of `node` or of its nearest ancestor that has one (across shadow roots). */
function nearestLang(node: Node): string | undefined {
  for (let current: Node | null = node; current; current = parentAcrossShadow(current)) {
    const { lang } = current as Partial<HTMLElement>;
    if (lang) return lang;
  }
  return undefined;
}

/** Whether `event` is @lit/context's `context-provider` event for this library's context. */
function announcesStoreContext(event: Event): boolean {
  return (event as Event & { context?: unknown }).context === storeContext;
}

/**
 * The base of every element: `lang` / `dir` as reactive (reflected) properties, localised strings
 * with per-string overrides, `emit` for the library's typed events, and the context of the nearest
 * `<store-offers>` (asked for when connected, and again when a provider appears).
 */
export class StoreElement extends LitElement {
  /**
   * Language of the built-in strings; when unset, the nearest ancestor's `lang` (across shadow
   * roots), then the document's.
   */
  @property({ reflect: true }) override lang!: string;

  /** Text direction, as on any HTML element. */
  @property({ reflect: true }) override dir!: string;

  /** Overrides of the built-in strings (`{ buy: 'Get it' }`); property only. */
  @property({ attribute: false }) strings?: Partial<Strings>;

  /** What the nearest `<store-offers>` shares; `undefined` outside one. Each new value updates the element. */
  protected context?: StoreContext;

  /** Asks the nearest provider for the context when connected, and follows its changes. */
  readonly #consumer = new ContextConsumer(this, {
    context: storeContext,
    subscribe: true,
    callback: (value) => {
      this.context = value;
    },
  });

  override connectedCallback() {
    // The consumer asks for the context here (its hostConnected).
    super.connectedCallback();
    connected.add(this);
    observeLang(document);
    observeLang(this.getRootNode());
    window.addEventListener('context-provider', this.#askAgain);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    connected.delete(this);
    // The consumer unsubscribes but keeps its last value: out of the provider there is none.
    this.context = undefined;
    window.removeEventListener('context-provider', this.#askAgain);
  }

  /**
   * Asks for the context again when a provider appears (upgraded or inserted after this element
   * asked). A provider that appears inside one that serves this element already is handled by
   * @lit/context itself (the outer one re-sends its subscribers' requests, and the nearest wins);
   * only an element that no provider answered gets here. @lit/context's `ContextRoot` would do this
   * for the whole document, but it must be attached by the app and needs `WeakRef`, which
   * EdgeHTML 18 lacks.
   */
  #askAgain = (event: Event) => {
    // The consumer's own "connected" step is what dispatches its request.
    if (!this.context && announcesStoreContext(event)) this.#consumer.hostConnected();
  };

  /** Dispatches `event`; `false` when a listener cancelled it. */
  protected emit(event: Event): boolean {
    return this.dispatchEvent(event);
  }

  /**
   * The string for `key`: this element's `strings`, then the provider's, then the built-in ones
   * for the resolved language. The language is read when rendering.
   */
  protected t(key: keyof Strings): string {
    return this.strings?.[key] ?? this.context?.strings?.[key] ?? builtInStrings(nearestLang(this))[key];
  }
}
