// The public face of `audit`: what other capabilities may use (a dependency rule holds them to it).
export * from './record';
