// The control for test/node/csp.test.js: proves that the counting there sees violations, by
// making two on purpose (the inline script in control.html, and a string assigned to innerHTML,
// which Trusted Types refuses).
const violations = [];
addEventListener('securitypolicyviolation', (event) => violations.push(event.effectiveDirective));

let innerHtmlRefused = false;
try {
  document.body.insertAdjacentElement('beforeend', document.createElement('div')).innerHTML = '<b>not trusted</b>';
} catch {
  innerHtmlRefused = true;
}
setTimeout(() => {
  document.getElementById('result').textContent = JSON.stringify({ inlineRan: window.inlineRan === true, innerHtmlRefused, violations });
}, 200);
