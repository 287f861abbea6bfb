/** The overlay's own CSS, inside each shadow root (the page's styles do not reach it, nor ours the page). */
export const OVERLAY_CSS = `
:host{all:initial}
.voronka{font:13px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d2433}
.panel{position:fixed;top:72px;right:16px;width:320px;max-height:calc(100vh - 96px);overflow:auto;background:#fff;border:1px solid #dde2ea;border-radius:10px;box-shadow:0 8px 24px rgba(16,24,40,.16);z-index:2147483646}
.panel.docked{top:0;right:0;bottom:0;height:100vh;max-height:none;box-sizing:border-box;border-width:0 0 0 1px;border-radius:0;box-shadow:-4px 0 16px rgba(16,24,40,.08)}
.panel.docked header{border-radius:0}
.grip{position:absolute;left:0;top:0;bottom:0;width:6px;cursor:col-resize;z-index:1}
.grip:hover{background:rgba(31,111,235,.25)}
.panel.strip{top:72px;right:0;max-height:none;overflow:hidden;border-radius:8px 0 0 8px;background:#1f6feb}
.panel.strip button.icon{color:#fff;width:100%;padding:6px 0;display:flex;flex-direction:column;align-items:center}
.vertical{writing-mode:vertical-rl;font-size:12px;font-weight:600;margin-top:6px}
.panel header{display:flex;align-items:center;justify-content:space-between;padding:8px 12px;background:#1f6feb;color:#fff;border-radius:10px 10px 0 0;font-weight:600}
.panel section{padding:8px 12px;border-top:1px solid #eef1f5}
.panel h2{font-size:15px;margin:0 0 2px}
.muted{color:#5b6475}.bad{color:#b42318}.ok{color:#067647}
ul{margin:4px 0 0;padding-left:16px}li{margin:2px 0}
h3{font-size:12px;text-transform:uppercase;letter-spacing:.04em;color:#5b6475;margin:0 0 4px}
button{font:inherit;cursor:pointer;border-radius:6px;border:1px solid #c9d1dd;background:#fff;color:#1d2433;padding:4px 8px;margin:2px 4px 2px 0}
button.primary{background:#1f6feb;border-color:#1f6feb;color:#fff}
button.icon{border:0;background:transparent;color:inherit;padding:0 4px;margin:0;font-size:16px;line-height:1}
button[disabled]{opacity:.6;cursor:default}
input,textarea{font:inherit;width:100%;box-sizing:border-box;border:1px solid #c9d1dd;border-radius:6px;padding:4px 6px;margin:2px 0}
.status{padding:6px 12px;background:#f4f7fb}
.call{position:fixed;right:16px;bottom:16px;width:320px;background:#fff;border:2px solid #067647;border-radius:10px;box-shadow:0 8px 24px rgba(16,24,40,.2);z-index:2147483647;padding:10px 12px}
.toast{position:fixed;left:16px;bottom:16px;max-width:420px;background:#1d2433;color:#fff;border-radius:8px;padding:8px 12px;z-index:2147483647}
.dial{display:inline-block;margin:0 2px;padding:0 4px;border:1px solid #1f6feb;border-radius:4px;background:#fff;color:#1f6feb;font:12px/16px system-ui,sans-serif;cursor:pointer;vertical-align:baseline}
`;
