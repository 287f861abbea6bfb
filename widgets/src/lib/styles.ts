export const BASE_CSS = `
:host{display:block;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d2433}
.card{background:#fff;border:1px solid #dde2ea;border-radius:10px;padding:16px 18px}
h2{font-size:17px;margin:0}
.muted{color:#5b6475}.error{color:#b42318}.warn{color:#b54708}
.status{margin:10px 0 0;font-size:12px}
.bar{height:8px;background:#e7ebf1;border-radius:4px;overflow:hidden;margin:6px 0}.bar i{display:block;height:100%;background:#1f6feb}
.bar.done i{background:#067647}
`;
