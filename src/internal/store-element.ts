import { LitElement, type PropertyDeclarations } from 'lit';
import { dispatchContextEvent, type StoreContext } from './context.js';
import { builtInStrings, type Strings } from './strings.js';

/** The connected elements: every one updates when a `lang` attribute changes where one of them is (the language of its strings may have). */
const connected = new Set<StoreElement>();
let langObserver: MutationObserver | undefined;

/**
 * The base of every element: `lang` / `dir` as reactive (reflected) properties, localised strings
 * with per-string overrides, `emit` for the library's typed events, and the context of the nearest
 * `<store-offers>` (asked for when connected, and again when a provider appears).
 */
export class StoreElement extends LitElement {
  static override properties: PropertyDeclarations = {
    lang: { reflect: true },
    dir: { reflect: true },
    strings: { attribute: false },
  };

  /** Language of the built-in strings; when unset, the nearest ancestor's `lang` (across shadow roots), then the document's. */
  declare lang: string;

  /** Text direction, as on any HTML element. */
  declare dir: string;

  /** Overrides of the built-in strings (`{ buy: 'Get it' }`); property only. */
  declare strings?: Partial<Strings>;

  /** What the nearest `<store-offers>` shares; `undefined` outside one. Each new value updates the element. */
  protected context?: StoreContext;
  #unsubscribe?: () => void;

  override connectedCallback() {
    super.connectedCallback();
    connected.add(this);
    langObserver ??= new MutationObserver(() => connected.forEach((element) => element.requestUpdate()));
    // The document and the shadow root the element is in (the same observation twice is one).
    for (const root of [document, this.getRootNode()]) {
      try {
        langObserver.observe(root, { attributeFilter: ['lang'], subtree: true });
      } catch {
        // A ShadyDOM root (the legacy polyfills) is no Node: its nodes are in the document.
      }
    }
    this.#request();
    addEventListener('context-provider', this.#request);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    connected.delete(this);
    this.#unsubscribe?.();
    this.#unsubscribe = this.context = undefined;
    removeEventListener('context-provider', this.#request);
  }

  /** Asks for the context unless it is here already (also when any provider appears: asking again is harmless). */
  #request = () => {
    if (this.context) return;
    dispatchContextEvent(this, 'context-request', {
      subscribe: true,
      callback: (value, unsubscribe) => {
        this.context = value;
        this.#unsubscribe = unsubscribe;
        this.requestUpdate();
      },
    });
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
    let node: (Node & { lang?: string; host?: Node }) | null = this;
    // Only a shadow root (a fragment) leads on to its host: the root of a detached tree is an
    // element, whose `host` may be anything (`<store-offers>`' is the StoreHost).
    while (node && !node.lang) node = node.parentNode ?? (node.nodeType === 11 ? node.host! : null);
    return this.strings?.[key] ?? this.context?.strings?.[key] ?? builtInStrings(node?.lang)[key];
  }
}
