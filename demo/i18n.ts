/**
 * The demo app's own text (the elements translate themselves). Elements with `data-i18n="key"`
 * get the string as their text.
 */
import type { DemoLanguage } from './scenarios.js';

const STRINGS = {
  en: {
    play: 'Play',
    shop: 'Shop',
    settings: 'Settings',
    balance: '250 coins',
    title: 'Shop',
    intro: 'Coins, boosts and extras for your next run.',
    offerHeading: 'Just for you',
    more: 'More for your game',
    removeAds: 'Remove ads',
    removeAdsText: 'Play without interruptions, on every device.',
    removeAdsPrice: '$2.99',
    soundtrack: 'Original soundtrack',
    soundtrackText: 'Included with the game: 14 tracks to listen to anytime.',
    soundtrackIncluded: 'Included',
  },
  fr: {
    play: 'Jouer',
    shop: 'Boutique',
    settings: 'Paramètres',
    balance: '250\u00a0pièces',
    title: 'Boutique',
    intro: 'Des pièces, des bonus et des extras pour votre prochaine partie.',
    offerHeading: 'Rien que pour vous',
    more: 'Plus pour votre jeu',
    removeAds: 'Sans publicité',
    removeAdsText: 'Jouez sans interruption, sur tous vos appareils.',
    removeAdsPrice: '2,99\u00a0€',
    soundtrack: 'Bande originale',
    soundtrackText: 'Incluse avec le jeu\u00a0: 14\u00a0morceaux à écouter quand vous voulez.',
    soundtrackIncluded: 'Incluse',
  },
} satisfies Record<DemoLanguage, Record<string, string>>;

/** Sets the text of every `[data-i18n]` element under `root`. */
export function translate(root: ParentNode, lang: DemoLanguage) {
  for (const element of root.querySelectorAll<HTMLElement>('[data-i18n]')) {
    const text = STRINGS[lang][element.dataset.i18n as keyof (typeof STRINGS)['en']];
    if (text) element.textContent = text;
  }
}
