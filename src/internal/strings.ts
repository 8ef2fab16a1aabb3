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
  /** Claim status: saved, waiting to be sent. */
  claimPending: string;
  /** Claim status: being sent. */
  claimSubmitting: string;
  /** Claim status: the Store accepted it. */
  claimed: string;
  /** Claim status: the Store refused it for good. */
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
  claimPending: 'Claim pending',
  claimSubmitting: 'Submitting…',
  claimed: 'Claimed',
  claimFailed: 'Claim failed',
  retry: 'Retry',
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
  claimPending: 'Validation en attente',
  claimSubmitting: 'Envoi…',
  claimed: 'Offre validée',
  claimFailed: 'Échec de la validation',
  retry: 'Réessayer',
};

/** The built-in strings for a BCP 47 language tag (`fr`, `fr-CA` → French; anything else → English). */
export function builtInStrings(lang = ''): Strings {
  return /^fr\b/i.test(lang) ? fr : en;
}
