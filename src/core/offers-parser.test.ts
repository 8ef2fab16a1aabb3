import { expect } from '@open-wc/testing';
import { isStoreOffersError } from './errors.js';
import { parseOffers } from './offers-parser.js';

const TRACKING = '5de5dd29-6dce-4e68-b45e-d8ee6c2cd203';

function rejection(body: unknown) {
  try {
    parseOffers(body);
  } catch (error) {
    if (!isStoreOffersError(error)) throw error;
    return error;
  }
  throw new Error('expected bad-response');
}

describe('parseOffers', () => {
  it('reads the documented shape (offers: string[])', () => {
    const element = { offers: ['10x gold coins', '100x gold coins'], trackingId: TRACKING };
    expect(parseOffers([element])).to.deep.equal([{ offers: ['10x gold coins', '100x gold coins'], trackingId: TRACKING, raw: element }]);
  });

  it('reads the object shape and keeps the Store IDs', () => {
    const element = { offers: [{ productId: 'gold', storeId: '9PK8VD14FRCZ' }, { productId: 'silver' }], trackingId: TRACKING };
    expect(parseOffers([element])).to.deep.equal([
      { offers: ['gold', 'silver'], trackingId: TRACKING, storeIds: { gold: '9PK8VD14FRCZ' }, raw: element },
    ]);
  });

  it('accepts both shapes mixed in one list', () => {
    const [offer] = parseOffers([{ offers: ['a', { productId: 'b', storeId: 'S' }], trackingId: 't' }]);
    expect(offer!.offers).to.deep.equal(['a', 'b']);
    expect(offer!.storeIds).to.deep.equal({ b: 'S' });
  });

  it('ignores unknown fields but keeps them in raw, the very element received', () => {
    const element = { offers: [{ productId: 'a', extra: 1 }], trackingId: 't', segment: { x: [1] }, future: null };
    const [offer] = parseOffers([element]);
    expect(offer).to.deep.equal({ offers: ['a'], trackingId: 't', raw: element });
    expect(offer!.raw).to.equal(element);
  });

  it('keeps a product id that is an Object.prototype key', () => {
    const [offer] = parseOffers([{ offers: [{ productId: '__proto__', storeId: 'S' }], trackingId: 't' }]);
    expect(Object.keys(offer!.storeIds!)).to.deep.equal(['__proto__']);
  });

  it('returns no offers for an empty array', () => {
    expect(parseOffers([])).to.deep.equal([]);
  });

  const ok = { offers: ['a'], trackingId: 't' };
  const bad: Array<[string, unknown, string]> = [
    ['null body', null, 'the body should be an array, got null'],
    ['object body', { offers: [] }, 'the body should be an array, got object'],
    ['string body', '[]', 'the body should be an array, got string'],
    ['null element', [null], '[0] should be an object, got null'],
    ['array element', [[]], '[0] should be an object, got an array'],
    ['missing trackingId', [{ offers: ['a'] }], '[0].trackingId should be a string, got nothing'],
    ['numeric trackingId in the third element', [ok, ok, { offers: ['a'], trackingId: 5 }], '[2].trackingId should be a string, got number'],
    ['null offers', [{ offers: null, trackingId: 't' }], '[0].offers should be an array, got null'],
    ['string offers', [{ offers: 'a', trackingId: 't' }], '[0].offers should be an array, got string'],
    ['numeric product', [{ offers: ['a', 1], trackingId: 't' }], '[0].offers[1] should be a string or an object, got number'],
    ['null product', [{ offers: [null], trackingId: 't' }], '[0].offers[0] should be a string or an object, got null'],
    ['object without productId', [{ offers: [{ storeId: 'S' }], trackingId: 't' }], '[0].offers[0].productId should be a string, got nothing'],
    ['null storeId', [{ offers: [{ productId: 'a', storeId: null }], trackingId: 't' }], '[0].offers[0].storeId should be a string, got null'],
    ['numeric storeId', [{ offers: [{ productId: 'a', storeId: 9 }], trackingId: 't' }], '[0].offers[0].storeId should be a string, got number'],
  ];
  for (const [name, body, message] of bad) {
    it(`rejects ${name} with bad-response naming the place`, () => {
      const error = rejection(body);
      expect(error.code).to.equal('bad-response');
      expect(error.message).to.contain(message);
    });
  }
});
