// The public face of `mail`: what other capabilities may use (a dependency rule holds them to it).
export * from './receive';
export * from './replay';
export { snippetOf } from './parse';
