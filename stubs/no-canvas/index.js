// Stands in for @napi-rs/canvas (see package.json). pdf.js requires it inside a try/catch for
// three browser classes; only DOMMatrix is needed to extract text (pdf.mjs builds one when it
// loads, the worker one for image-mask outlines), so it comes from a pure-JS shim; ImageData and
// Path2D are for drawing, which fwsift never does, and pdf.js only warns that they are missing.
// CommonJS, because pdf.js loads it with require().
const DOMMatrix = require('@thednp/dommatrix');

module.exports = { DOMMatrix };
