/** The base of every event of the library: `bubbles` and `composed`, with a typed `detail` object. */
export class StoreEvent<Detail> extends Event {
  /** What happened. */
  readonly detail: Detail;

  constructor(type: string, detail: Detail, cancelable?: boolean) {
    super(type, { bubbles: true, composed: true, cancelable });
    this.detail = detail;
  }
}
