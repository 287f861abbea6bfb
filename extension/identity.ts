/**
 * The public half of the extension's signing key: with it in the manifest, Chrome derives the same
 * extension id on every machine, so tests and the worker's allow-lists can name it. The private half
 * was never kept; the Web Store signs published builds with its own key.
 */
export const EXTENSION_PUBLIC_KEY =
  'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAxfPrXcugHlGBClJZvj9EJofGI48iaSeI0fN0CFlH0mD52jeoX8rf1odeWzvs37QH61Rj4elOLyh6Fo38Ez36kyFpDrgNc6MgdOErrcRuv28nzMGX3HDv2QSFSTvJ5YZBoLeq0qh62EI5GPwzV0Rpbe1vSp+s/ZlWwWu9l7TwINIdOTJiBCx8BZcI4Hzyj1jmtb3D3QrcOxonxrbQR9LLZB/bKDbIxJPtCzFEd/aBFSCQqEJMzN+44upftrlGETi79IkZ9a0RaKlse42eKcXhaMgo+9tQnKxEKbrU1xGqvRvUrN/5dE+WNKdKW1bcmTqfa9yTZ6Y+HDyR5/UvaEgX+wIDAQAB';

/** sha256(public key DER), first 32 hex digits mapped 0-f → a-p (checked by tests/unit/extension-identity.test.ts). */
export const EXTENSION_ID = 'mojmdejeibefahbjaidoapccjkjpiemh';

/**
 * The Firefox build's add-on id (`browser_specific_settings.gecko.id`): Firefox ignores `key` and
 * names an add-on by this id; its pages live at `moz-extension://<uuid>/`, the uuid chosen per profile.
 */
export const EXTENSION_GECKO_ID = 'crm@extension.voronka';
