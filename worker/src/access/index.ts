// The public face of `access`: what other capabilities may use (a dependency rule holds them to it).
export * from './policy';
