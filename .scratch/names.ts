import * as lib from "../lib";
console.log(Object.keys(lib).length);
console.log(Object.keys(lib).sort().join(" "));
