// A deliberately insecure window. The electronegativity gate must fail on
// this folder; scripts/electronegativity.test.ts proves that it does, so that
// a silent scanner cannot pass the real code by accident.
const { BrowserWindow } = require('electron');

const window = new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false } });
window.loadURL('https://example.com');
