/**
 * The built-in strings, in English and French. Every element takes a `strings` property
 * (`Partial<Strings>`) that overrides any of them; `<store-offers>`' `strings` apply to every
 * element inside it.
 */

/** Every built-in string, by key. */
export interface Strings {
  /** Purchase button, idle. */
  buy: string;
  /** Purchase button while the Store dialog is open (also its accessible name). */
  purchasing: string;
  /** Purchase button after a successful purchase. */
  purchased: string;
  /** Purchase button when the user already owns the product. */
  owned: string;
  /** Purchase button after a failed purchase (activating it tries again). */
  failed: string;
  /** Purchase button when there is no host to buy through. */
  unavailable: string;
  /** Banner heading when the host gave no product title. */
  offer: string;
  /** Accessible name of the banner's loading skeleton. */
  loading: string;
  /** Accessible name of the banner's close button. */
  dismiss: string;
  /** Said (live region) after a successful purchase. */
  saySucceeded: string;
  /** Said when the user already owned the product. */
  sayOwned: string;
  /** Said when the purchase was not completed (`NotPurchased`: usually the user closed the Store dialog). */
  sayNotCompleted: string;
  /** Said when the Store could not complete the purchase (`NotFulfilled` and the like). */
  sayFailed: string;
  /** Said when the Store could not be reached. */
  sayNetworkError: string;
  /** Said when the Store failed on its side. */
  sayServerError: string;
  /** Said when purchases are unavailable (no host). */
  sayUnavailable: string;
  /**
   * Claim status while the claim is saved or being sent (one text for both: no flicker). The claim
   * tells the Store the purchase came from the offer; the purchase itself is already complete.
   */
  claimPending: string;
  /** Claim status while being sent (the same text as pending by default). */
  claimSubmitting: string;
  /** Claim status: the Store recorded it. */
  claimed: string;
  /** Claim status: the Store refused it for good; never suggests the purchase failed. */
  claimFailed: string;
  /** The claim status' retry button. */
  retry: string;
}

const en: Strings = {
  buy: 'Buy',
  purchasing: 'Purchasing…',
  purchased: 'Purchased',
  owned: 'Owned',
  failed: 'Try again',
  unavailable: 'Purchases unavailable',
  offer: 'Special offer',
  loading: 'Loading offer…',
  dismiss: 'Dismiss offer',
  saySucceeded: 'Purchase complete.',
  sayOwned: 'You already own this.',
  sayNotCompleted: 'Purchase not completed. You can try again.',
  sayFailed: 'The Microsoft Store could not complete the purchase. Try again.',
  sayNetworkError: 'The Microsoft Store could not be reached. Check your connection and try again.',
  sayServerError: 'The Microsoft Store is having a problem. Try again in a few minutes.',
  sayUnavailable: 'Purchases are not available in this app.',
  claimPending: 'Registering the offer…',
  claimSubmitting: 'Registering the offer…',
  claimed: 'Offer registered',
  claimFailed: 'Offer not registered yet',
  retry: 'Register again',
};

const fr: Strings = {
  buy: 'Acheter',
  purchasing: 'Achat en cours…',
  purchased: 'Acheté',
  owned: 'Déjà acheté',
  failed: 'Réessayer',
  unavailable: 'Achats indisponibles',
  offer: 'Offre spéciale',
  loading: 'Chargement de l’offre…',
  dismiss: 'Ignorer l’offre',
  saySucceeded: 'Achat effectué.',
  sayOwned: 'Vous possédez déjà ce produit.',
  sayNotCompleted: 'Achat non effectué. Vous pouvez réessayer.',
  sayFailed: 'Le Microsoft Store n’a pas pu effectuer l’achat. Réessayez.',
  sayNetworkError: 'Impossible de joindre le Microsoft Store. Vérifiez votre connexion et réessayez.',
  sayServerError: 'Le Microsoft Store rencontre un problème. Réessayez dans quelques minutes.',
  sayUnavailable: 'Les achats ne sont pas disponibles dans cette application.',
  claimPending: 'Enregistrement de l’offre…',
  claimSubmitting: 'Enregistrement de l’offre…',
  claimed: 'Offre enregistrée',
  claimFailed: 'Offre pas encore enregistrée',
  retry: 'Enregistrer à nouveau',
};

/** The built-in strings for a BCP 47 language tag (`fr`, `fr-CA` → French; anything else → English). */
export function builtInStrings(lang = ''): Strings {
  return /^fr\b/i.test(lang) ? fr : en;
}
