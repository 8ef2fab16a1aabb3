/** Registers `element` as `tag`, unless the tag is taken (the library loaded twice, or an app's own registration). */
export const defineElement = (tag: string, element: CustomElementConstructor) => customElements.get(tag) || customElements.define(tag, element);
