import { expect } from '@open-wc/testing';
import type { StoreOffersError } from '../errors.js';
import { claimReceipt, normalizePurchaseOutcome, orderIdFromExtendedJson } from './purchase-outcome.js';

const ORDER_ID = '3f2b8c1e-7a4d-4e9b-b6c5-0d1e2f3a4b5c';

/** `StoreCollectionData.ExtendedJsonData`: the CollectionData object alone (data-schemas-for-store-products). */
const COLLECTION_DATA = {
  acquiredDate: '2026-02-01T10:00:00.0000000Z',
  campaignId: null,
  developerOfferId: null,
  endDate: '9999-12-31T23:59:59.9999999Z',
  fulfillmentData: [],
  isTrial: false,
  lastModified: '2026-02-01T10:00:00.0000000Z',
  orderId: ORDER_ID,
  orderLineItemId: '9a8b7c6d-5e4f-4a3b-2c1d-0e9f8a7b6c5d',
  ownershipType: 'OwnedByBeneficiary',
  productId: '9NBLGGH4R315',
  productType: 'Durable',
  quantity: 1,
  skuId: '0010',
  skuType: 'Full',
  startDate: '2026-02-01T10:00:00.0000000Z',
  status: 'Active',
  tags: [],
  transactionId: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
};

/** `StoreProduct.ExtendedJsonData`: two SKUs, only the owned one has CollectionData. */
const STORE_PRODUCT = {
  ProductId: '9NBLGGH4R315',
  ProductType: 'Durable',
  LocalizedProperties: [{ ProductTitle: '100 gold coins', ProductDescription: 'A pile of gold', Language: 'en-us' }],
  Properties: { InAppOfferToken: '100x gold coins' },
  DisplaySkuAvailabilities: [
    {
      Sku: { SkuId: '0001', ProductId: '9NBLGGH4R315', LocalizedProperties: [{ SkuTitle: 'Trial' }] },
      Availabilities: [{ AvailabilityId: '9RH1XP2ZQ5K0' }],
    },
    {
      Sku: { SkuId: '0010', ProductId: '9NBLGGH4R315', CollectionData: COLLECTION_DATA, LocalizedProperties: [{ SkuTitle: 'Full' }] },
      Availabilities: [{ AvailabilityId: '9RH1XP2ZQ5KD', OrderManagementData: { Price: { CurrencyCode: 'USD', ListPrice: 1.99 } } }],
    },
  ],
};

const RECEIPT =
  '<Receipt Version="1.0" ReceiptDate="2026-02-01T10:00:00Z" CertificateId="A656" ReceiptDeviceId="4e36"><ProductReceipt Id="6bbf" ProductId="100x gold coins" PurchaseDate="2026-02-01T10:00:00Z" ProductType="Durable" AppId="Contoso.Quest_8wekyb3d8bbwe"/></Receipt>';

describe('normalizePurchaseOutcome', () => {
  it('accepts the native spellings in any case, and the library spelling', () => {
    const cases: Array<[string, string]> = [
      ['Succeeded', 'succeeded'],
      ['AlreadyPurchased', 'already-purchased'],
      ['NotPurchased', 'not-purchased'],
      ['NotFulfilled', 'not-fulfilled'],
      ['NetworkError', 'network-error'],
      ['ServerError', 'server-error'],
      ['SUCCEEDED', 'succeeded'],
      ['alreadypurchased', 'already-purchased'],
      ['not-purchased', 'not-purchased'],
      ['Network_Error', 'network-error'],
    ];
    for (const [native, status] of cases) expect(normalizePurchaseOutcome({ status: native }), native).to.deep.equal({ status });
  });

  it('rejects numbers, unknown statuses and non-objects with host-error', () => {
    for (const raw of [{ status: 0 }, { status: 'Pending' }, { status: '' }, {}, null, 'Succeeded', [{ status: 'Succeeded' }]]) {
      let error: StoreOffersError | undefined;
      try {
        normalizePurchaseOutcome(raw);
      } catch (e) {
        error = e as StoreOffersError;
      }
      expect(error?.code, JSON.stringify(raw)).to.equal('host-error');
    }
  });

  it('finds the orderId in StoreProduct.ExtendedJsonData and keeps the JSON as sent', () => {
    const extendedJsonData = JSON.stringify(STORE_PRODUCT);
    expect(normalizePurchaseOutcome({ status: 'Succeeded', extendedJsonData })).to.deep.equal({
      status: 'succeeded',
      orderId: ORDER_ID,
      extendedJsonData,
    });
  });

  it('finds the orderId in StoreCollectionData.ExtendedJsonData (bare CollectionData)', () => {
    const outcome = normalizePurchaseOutcome({ status: 'Succeeded', extendedJsonData: JSON.stringify(COLLECTION_DATA) });
    expect(outcome.orderId).to.equal(ORDER_ID);
  });

  it('prefers an explicit orderId, keeps the receipt, drops wrongly typed or empty optional fields', () => {
    expect(
      normalizePurchaseOutcome({ status: 'Succeeded', orderId: 'explicit', extendedJsonData: JSON.stringify(COLLECTION_DATA) })
        .orderId,
    ).to.equal('explicit');
    expect(normalizePurchaseOutcome({ status: 'Succeeded', receipt: RECEIPT, orderId: null, unknown: 1 })).to.deep.equal({
      status: 'succeeded',
      receipt: RECEIPT,
    });
    expect(normalizePurchaseOutcome({ status: 'Succeeded', orderId: 42, receipt: '', extendedJsonData: {} })).to.deep.equal({
      status: 'succeeded',
    });
  });
});

describe('orderIdFromExtendedJson', () => {
  it('returns undefined for unreadable JSON, other shapes and products nobody owns', () => {
    const unowned = { ...STORE_PRODUCT, DisplaySkuAvailabilities: [STORE_PRODUCT.DisplaySkuAvailabilities[0]] };
    for (const json of ['', '{oops', 'null', '[]', '"x"', '{"orderId":""}', '{"DisplaySkuAvailabilities":[null,{"Sku":null}]}', JSON.stringify(unowned)]) {
      expect(orderIdFromExtendedJson(json), json).to.equal(undefined);
    }
  });
});

describe('claimReceipt', () => {
  it('is the orderId, else the one in extendedJsonData, else the receipt XML, else undefined', () => {
    expect(claimReceipt({ status: 'succeeded', orderId: 'o', receipt: RECEIPT })).to.equal('o');
    expect(claimReceipt({ status: 'succeeded', extendedJsonData: JSON.stringify(STORE_PRODUCT), receipt: RECEIPT })).to.equal(ORDER_ID);
    expect(claimReceipt({ status: 'succeeded', receipt: RECEIPT })).to.equal(RECEIPT);
    expect(claimReceipt({ status: 'succeeded' })).to.equal(undefined);
  });
});
