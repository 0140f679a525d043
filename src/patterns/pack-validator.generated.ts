// Generated from schema/patterns.schema.json by scripts/build-validators.mjs (npm run build). Do not edit.
// @ts-nocheck: generated JavaScript; its one export is typed where it is imported.
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
export const validate = validate20;
export default validate20;
const schema31 = {"$schema":"https://json-schema.org/draft/2020-12/schema","$id":"https://fwsift.dev/schema/patterns/1/patterns.schema.json","title":"fwsift pattern pack","description":"A pattern pack: the terms fwsift searches for (ethnicity, race and skin-colour analytics vocabulary), each with its meaning, precision class, matching rules and public evidence. The loader fills the documented defaults; see docs/patterns.md.","type":"object","required":["id","version","description","terms"],"additionalProperties":false,"properties":{"$schema":{"description":"Optional path or URL of this schema, for editors. Ignored by the loader.","type":"string"},"id":{"description":"Pack id, recorded in every finding's term.pack and in the report's run.patternPacks (e.g. `fwsift.core`). Lower-case letters, digits, dots and hyphens; starts with a letter or digit.","$ref":"#/$defs/id"},"version":{"description":"Semantic version of the pack (semver 2.0.0): major when a term is removed or renamed, minor when terms are added, patch for notes and references.","type":"string","pattern":"^(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)(-((0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*)(\\.(0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*))*))?(\\+([0-9a-zA-Z-]+(\\.[0-9a-zA-Z-]+)*))?$"},"description":{"description":"What the pack covers and where its evidence comes from.","type":"string","minLength":1},"terms":{"description":"The terms of the pack. Term ids must be unique across every loaded pack; a spelling (text or variant) may appear only once in a pack.","type":"array","minItems":1,"maxItems":10000,"items":{"$ref":"#/$defs/term"}}},"$defs":{"id":{"description":"Stable identifier: lower-case letters, digits, dots and hyphens, starting with a letter or digit.","type":"string","pattern":"^[a-z0-9][a-z0-9.-]*$","maxLength":128},"spelling":{"description":"A searched spelling: non-empty, at most 200 characters (the matcher's chunk overlap grows with the longest needle).","type":"string","minLength":1,"maxLength":200},"spellingList":{"description":"A list of distinct non-empty strings.","type":"array","uniqueItems":true,"maxItems":256,"items":{"$ref":"#/$defs/spelling"}},"reference":{"description":"Public evidence that the term is used for ethnicity, race or skin-colour analytics (or for the stated context).","type":"object","required":["title","url"],"additionalProperties":false,"properties":{"title":{"description":"What the source is and what it shows, e.g. `IPVM: Dahua Provides \"Uyghur Warnings\" To China Police (9 Feb 2021)`.","type":"string","minLength":1},"url":{"description":"Public http(s) URL of the source. Never a private or invented address.","type":"string","format":"uri","pattern":"^https?://"}}},"term":{"description":"One searched term: an exact spelling (plus variants), what it means, how sure a hit is, and the rules a raw hit must pass before it becomes a finding.","type":"object","required":["id","text","category","precision","meaning","boundary","references"],"additionalProperties":false,"properties":{"id":{"description":"Stable term id, unique across all loaded packs, e.g. `dahua.em-nation-type-uygur` or `zh.renzhong`. Findings and baselines refer to it.","$ref":"#/$defs/id"},"text":{"description":"The exact text searched for, in its canonical form (simplified Chinese for Chinese terms). It is expanded into every supported encoding and escaped form; it is never a regular expression.","$ref":"#/$defs/spelling"},"category":{"description":"What the term reveals: `ethnicity` (a named ethnic group or ethnicity as an attribute), `race` (racial categories), `skin-colour`, `region-targeting` (people singled out by home region, e.g. Xinjiang/Tibet), `minority-alert` (alarms or warnings on minorities).","type":"string","enum":["ethnicity","race","skin-colour","region-targeting","minority-alert"]},"precision":{"description":"How rarely the term fires outside ethnic analytics once its matching rules are obeyed: `high` (almost never), `medium` (needs context), `ambiguous` (reported only as low confidence unless corroborated by other terms or face-attribute vocabulary nearby).","type":"string","enum":["high","medium","ambiguous"]},"meaning":{"description":"English meaning, shown to readers of the report.","type":"string","minLength":1},"lang":{"description":"BCP 47 tag of `text`: `zh-Hans`, `zh-Hant`, `en`, or `und` for identifiers and JSON shapes. Default: `und` for identifiers, `zh-Hans` when the text contains Han characters, `en` for other ASCII text, else `und`.","type":"string","pattern":"^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$"},"kind":{"description":"`identifier` (a source-code token such as `EM_RACE_YELLOW`), `word` (one word or compound), `phrase` (several words or a quoted string with punctuation). Default: `identifier` when boundary is `identifier`, `word` when the text is only letters, digits and `_`, else `phrase`.","type":"string","enum":["identifier","phrase","word"]},"case":{"description":"`insensitive` folds ASCII letter case (in every encoding); `sensitive` matches exactly. Vendor identifiers are case sensitive; English words are usually insensitive.","type":"string","enum":["sensitive","insensitive"],"default":"sensitive"},"boundary":{"description":"Token rule checked on the characters around a hit, in the hit's encoding: `identifier` (neighbours must not be `[A-Za-z0-9_]`, so `race` in `printStackTrace` or `EM_RACE_TYPE` in `…_RACE_TYPES` is rejected), `word` (neighbours must not be `[A-Za-z0-9]`), `none` (no rule; CJK text).","type":"string","enum":["identifier","word","none"]},"variants":{"description":"Other spellings searched as the same term: traditional-Chinese forms (人種, 膚色, 維族…), full-width punctuation, spelling variants (Uighur/Uygur), closely related enum members. Each must differ from `text`. Default: none.","$ref":"#/$defs/spellingList","default":[]},"notAfter":{"description":"Exclusions before the hit: the hit is rejected when the text immediately before it ends with one of these strings (维族 after 运 in 运维族 is 'ops', not 'Uyghur'). Compared in the hit's own encoding; list traditional forms too when variants have them. Default: none.","$ref":"#/$defs/spellingList","default":[]},"notBefore":{"description":"Exclusions after the hit: the hit is rejected when the text immediately after it starts with one of these strings (人种 before 草 in 达人种草 is 'influencer seeding'). Compared in the hit's own encoding. Default: none.","$ref":"#/$defs/spellingList","default":[]},"boostContexts":{"description":"Corroborating contexts: when one of these strings occurs in the window the matcher keeps around a verified hit (256 bytes on each side by default; never the hit itself), the hit's confidence is raised one level, and the strings found are named in the finding's reasons (`context:term-boost`). Searched like the built-in face-attribute words: written in the hit's own encoding and escape syntax; ASCII strings case-insensitively and only as whole tokens (a camelCase hump counts as a boundary). Use strings that only occur in the analytics context (the comment 人种 next to byRace, other GA/T 1400 fields next to EthicCode), never the term's own spellings. Default: none.","$ref":"#/$defs/spellingList","default":[]},"demoteContexts":{"description":"Contexts of known false positives: when one of these strings occurs in the window around a verified hit, its confidence is lowered one level (never below low) and the strings are named in the reasons (`context:term-demote`). Searched like `boostContexts`. Use them for collisions that are not at the edges of the hit (games: 人族/兽人 near 种族; cosmetics: 美白 near 肤色); edge collisions belong in `notAfter`/`notBefore`. Default: none.","$ref":"#/$defs/spellingList","default":[]},"references":{"description":"At least one public source showing the term in ethnicity, race or skin-colour analytics (vendor pages, SDK documentation, investigative reports).","type":"array","minItems":1,"maxItems":32,"items":{"$ref":"#/$defs/reference"}},"notes":{"description":"Where the term was seen, known false positives, and why its precision class was chosen.","type":"string","minLength":1}}}}};
const schema32 = {"description":"Stable identifier: lower-case letters, digits, dots and hyphens, starting with a letter or digit.","type":"string","pattern":"^[a-z0-9][a-z0-9.-]*$","maxLength":128};
const func1 = require("ajv/dist/runtime/ucs2length.js").default;
const pattern4 = new RegExp("^[a-z0-9][a-z0-9.-]*$", "u");
const pattern5 = new RegExp("^(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)(-((0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*)(\\.(0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*))*))?(\\+([0-9a-zA-Z-]+(\\.[0-9a-zA-Z-]+)*))?$", "u");
const schema33 = {"description":"One searched term: an exact spelling (plus variants), what it means, how sure a hit is, and the rules a raw hit must pass before it becomes a finding.","type":"object","required":["id","text","category","precision","meaning","boundary","references"],"additionalProperties":false,"properties":{"id":{"description":"Stable term id, unique across all loaded packs, e.g. `dahua.em-nation-type-uygur` or `zh.renzhong`. Findings and baselines refer to it.","$ref":"#/$defs/id"},"text":{"description":"The exact text searched for, in its canonical form (simplified Chinese for Chinese terms). It is expanded into every supported encoding and escaped form; it is never a regular expression.","$ref":"#/$defs/spelling"},"category":{"description":"What the term reveals: `ethnicity` (a named ethnic group or ethnicity as an attribute), `race` (racial categories), `skin-colour`, `region-targeting` (people singled out by home region, e.g. Xinjiang/Tibet), `minority-alert` (alarms or warnings on minorities).","type":"string","enum":["ethnicity","race","skin-colour","region-targeting","minority-alert"]},"precision":{"description":"How rarely the term fires outside ethnic analytics once its matching rules are obeyed: `high` (almost never), `medium` (needs context), `ambiguous` (reported only as low confidence unless corroborated by other terms or face-attribute vocabulary nearby).","type":"string","enum":["high","medium","ambiguous"]},"meaning":{"description":"English meaning, shown to readers of the report.","type":"string","minLength":1},"lang":{"description":"BCP 47 tag of `text`: `zh-Hans`, `zh-Hant`, `en`, or `und` for identifiers and JSON shapes. Default: `und` for identifiers, `zh-Hans` when the text contains Han characters, `en` for other ASCII text, else `und`.","type":"string","pattern":"^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$"},"kind":{"description":"`identifier` (a source-code token such as `EM_RACE_YELLOW`), `word` (one word or compound), `phrase` (several words or a quoted string with punctuation). Default: `identifier` when boundary is `identifier`, `word` when the text is only letters, digits and `_`, else `phrase`.","type":"string","enum":["identifier","phrase","word"]},"case":{"description":"`insensitive` folds ASCII letter case (in every encoding); `sensitive` matches exactly. Vendor identifiers are case sensitive; English words are usually insensitive.","type":"string","enum":["sensitive","insensitive"],"default":"sensitive"},"boundary":{"description":"Token rule checked on the characters around a hit, in the hit's encoding: `identifier` (neighbours must not be `[A-Za-z0-9_]`, so `race` in `printStackTrace` or `EM_RACE_TYPE` in `…_RACE_TYPES` is rejected), `word` (neighbours must not be `[A-Za-z0-9]`), `none` (no rule; CJK text).","type":"string","enum":["identifier","word","none"]},"variants":{"description":"Other spellings searched as the same term: traditional-Chinese forms (人種, 膚色, 維族…), full-width punctuation, spelling variants (Uighur/Uygur), closely related enum members. Each must differ from `text`. Default: none.","$ref":"#/$defs/spellingList","default":[]},"notAfter":{"description":"Exclusions before the hit: the hit is rejected when the text immediately before it ends with one of these strings (维族 after 运 in 运维族 is 'ops', not 'Uyghur'). Compared in the hit's own encoding; list traditional forms too when variants have them. Default: none.","$ref":"#/$defs/spellingList","default":[]},"notBefore":{"description":"Exclusions after the hit: the hit is rejected when the text immediately after it starts with one of these strings (人种 before 草 in 达人种草 is 'influencer seeding'). Compared in the hit's own encoding. Default: none.","$ref":"#/$defs/spellingList","default":[]},"boostContexts":{"description":"Corroborating contexts: when one of these strings occurs in the window the matcher keeps around a verified hit (256 bytes on each side by default; never the hit itself), the hit's confidence is raised one level, and the strings found are named in the finding's reasons (`context:term-boost`). Searched like the built-in face-attribute words: written in the hit's own encoding and escape syntax; ASCII strings case-insensitively and only as whole tokens (a camelCase hump counts as a boundary). Use strings that only occur in the analytics context (the comment 人种 next to byRace, other GA/T 1400 fields next to EthicCode), never the term's own spellings. Default: none.","$ref":"#/$defs/spellingList","default":[]},"demoteContexts":{"description":"Contexts of known false positives: when one of these strings occurs in the window around a verified hit, its confidence is lowered one level (never below low) and the strings are named in the reasons (`context:term-demote`). Searched like `boostContexts`. Use them for collisions that are not at the edges of the hit (games: 人族/兽人 near 种族; cosmetics: 美白 near 肤色); edge collisions belong in `notAfter`/`notBefore`. Default: none.","$ref":"#/$defs/spellingList","default":[]},"references":{"description":"At least one public source showing the term in ethnicity, race or skin-colour analytics (vendor pages, SDK documentation, investigative reports).","type":"array","minItems":1,"maxItems":32,"items":{"$ref":"#/$defs/reference"}},"notes":{"description":"Where the term was seen, known false positives, and why its precision class was chosen.","type":"string","minLength":1}}};
const schema35 = {"description":"A searched spelling: non-empty, at most 200 characters (the matcher's chunk overlap grows with the longest needle).","type":"string","minLength":1,"maxLength":200};
const schema38 = {"description":"Public evidence that the term is used for ethnicity, race or skin-colour analytics (or for the stated context).","type":"object","required":["title","url"],"additionalProperties":false,"properties":{"title":{"description":"What the source is and what it shows, e.g. `IPVM: Dahua Provides \"Uyghur Warnings\" To China Police (9 Feb 2021)`.","type":"string","minLength":1},"url":{"description":"Public http(s) URL of the source. Never a private or invented address.","type":"string","format":"uri","pattern":"^https?://"}}};
const func3 = Object.prototype.hasOwnProperty;
const pattern7 = new RegExp("^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$", "u");
const pattern8 = new RegExp("^https?://", "u");
const schema36 = {"description":"A list of distinct non-empty strings.","type":"array","uniqueItems":true,"maxItems":256,"items":{"$ref":"#/$defs/spelling"}};
const func0 = require("ajv/dist/runtime/equal.js").default;

function validate22(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate22.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(Array.isArray(data)){
if(data.length > 256){
const err0 = {instancePath,schemaPath:"#/maxItems",keyword:"maxItems",params:{limit: 256},message:"must NOT have more than 256 items",schema:256,parentSchema:schema36,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
const len0 = data.length;
for(let i0=0; i0<len0; i0++){
let data0 = data[i0];
if(typeof data0 === "string"){
if(func1(data0) > 200){
const err1 = {instancePath:instancePath+"/" + i0,schemaPath:"#/$defs/spelling/maxLength",keyword:"maxLength",params:{limit: 200},message:"must NOT have more than 200 characters",schema:200,parentSchema:schema35,data:data0};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(func1(data0) < 1){
const err2 = {instancePath:instancePath+"/" + i0,schemaPath:"#/$defs/spelling/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema35,data:data0};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
else {
const err3 = {instancePath:instancePath+"/" + i0,schemaPath:"#/$defs/spelling/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema35.type,parentSchema:schema35,data:data0};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
let i1 = data.length;
let j0;
if(i1 > 1){
outer0:
for(;i1--;){
for(j0 = i1; j0--;){
if(func0(data[i1], data[j0])){
const err4 = {instancePath,schemaPath:"#/uniqueItems",keyword:"uniqueItems",params:{i: i1, j: j0},message:"must NOT have duplicate items (items ## "+j0+" and "+i1+" are identical)",schema:true,parentSchema:schema36,data};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
break outer0;
}
}
}
}
}
else {
const err5 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema36.type,parentSchema:schema36,data};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
validate22.errors = vErrors;
return errors === 0;
}
validate22.evaluated = {"items":true,"dynamicProps":false,"dynamicItems":false};

const formats0 = /^(?:[a-z][a-z0-9+\-.]*:)(?:\/?\/)?[^\s]*$/i;

function validate21(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate21.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.id === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "id"},message:"must have required property '"+"id"+"'",schema:schema33.required,parentSchema:schema33,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.text === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "text"},message:"must have required property '"+"text"+"'",schema:schema33.required,parentSchema:schema33,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(data.category === undefined){
const err2 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "category"},message:"must have required property '"+"category"+"'",schema:schema33.required,parentSchema:schema33,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
if(data.precision === undefined){
const err3 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "precision"},message:"must have required property '"+"precision"+"'",schema:schema33.required,parentSchema:schema33,data};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if(data.meaning === undefined){
const err4 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "meaning"},message:"must have required property '"+"meaning"+"'",schema:schema33.required,parentSchema:schema33,data};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
if(data.boundary === undefined){
const err5 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "boundary"},message:"must have required property '"+"boundary"+"'",schema:schema33.required,parentSchema:schema33,data};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
if(data.references === undefined){
const err6 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "references"},message:"must have required property '"+"references"+"'",schema:schema33.required,parentSchema:schema33,data};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
for(const key0 in data){
if(!(func3.call(schema33.properties, key0))){
const err7 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema33,data};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(data.id !== undefined){
let data0 = data.id;
if(typeof data0 === "string"){
if(func1(data0) > 128){
const err8 = {instancePath:instancePath+"/id",schemaPath:"#/$defs/id/maxLength",keyword:"maxLength",params:{limit: 128},message:"must NOT have more than 128 characters",schema:128,parentSchema:schema32,data:data0};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
if(!pattern4.test(data0)){
const err9 = {instancePath:instancePath+"/id",schemaPath:"#/$defs/id/pattern",keyword:"pattern",params:{pattern: "^[a-z0-9][a-z0-9.-]*$"},message:"must match pattern \""+"^[a-z0-9][a-z0-9.-]*$"+"\"",schema:"^[a-z0-9][a-z0-9.-]*$",parentSchema:schema32,data:data0};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
else {
const err10 = {instancePath:instancePath+"/id",schemaPath:"#/$defs/id/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema32.type,parentSchema:schema32,data:data0};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
if(data.text !== undefined){
let data1 = data.text;
if(typeof data1 === "string"){
if(func1(data1) > 200){
const err11 = {instancePath:instancePath+"/text",schemaPath:"#/$defs/spelling/maxLength",keyword:"maxLength",params:{limit: 200},message:"must NOT have more than 200 characters",schema:200,parentSchema:schema35,data:data1};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
if(func1(data1) < 1){
const err12 = {instancePath:instancePath+"/text",schemaPath:"#/$defs/spelling/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema35,data:data1};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
else {
const err13 = {instancePath:instancePath+"/text",schemaPath:"#/$defs/spelling/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema35.type,parentSchema:schema35,data:data1};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
if(data.category !== undefined){
let data2 = data.category;
if(typeof data2 !== "string"){
const err14 = {instancePath:instancePath+"/category",schemaPath:"#/properties/category/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema33.properties.category.type,parentSchema:schema33.properties.category,data:data2};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
if(!(((((data2 === "ethnicity") || (data2 === "race")) || (data2 === "skin-colour")) || (data2 === "region-targeting")) || (data2 === "minority-alert"))){
const err15 = {instancePath:instancePath+"/category",schemaPath:"#/properties/category/enum",keyword:"enum",params:{allowedValues: schema33.properties.category.enum},message:"must be equal to one of the allowed values",schema:schema33.properties.category.enum,parentSchema:schema33.properties.category,data:data2};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
if(data.precision !== undefined){
let data3 = data.precision;
if(typeof data3 !== "string"){
const err16 = {instancePath:instancePath+"/precision",schemaPath:"#/properties/precision/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema33.properties.precision.type,parentSchema:schema33.properties.precision,data:data3};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
if(!(((data3 === "high") || (data3 === "medium")) || (data3 === "ambiguous"))){
const err17 = {instancePath:instancePath+"/precision",schemaPath:"#/properties/precision/enum",keyword:"enum",params:{allowedValues: schema33.properties.precision.enum},message:"must be equal to one of the allowed values",schema:schema33.properties.precision.enum,parentSchema:schema33.properties.precision,data:data3};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
if(data.meaning !== undefined){
let data4 = data.meaning;
if(typeof data4 === "string"){
if(func1(data4) < 1){
const err18 = {instancePath:instancePath+"/meaning",schemaPath:"#/properties/meaning/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema33.properties.meaning,data:data4};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
else {
const err19 = {instancePath:instancePath+"/meaning",schemaPath:"#/properties/meaning/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema33.properties.meaning.type,parentSchema:schema33.properties.meaning,data:data4};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
if(data.lang !== undefined){
let data5 = data.lang;
if(typeof data5 === "string"){
if(!pattern7.test(data5)){
const err20 = {instancePath:instancePath+"/lang",schemaPath:"#/properties/lang/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$"},message:"must match pattern \""+"^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$"+"\"",schema:"^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$",parentSchema:schema33.properties.lang,data:data5};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
else {
const err21 = {instancePath:instancePath+"/lang",schemaPath:"#/properties/lang/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema33.properties.lang.type,parentSchema:schema33.properties.lang,data:data5};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
if(data.kind !== undefined){
let data6 = data.kind;
if(typeof data6 !== "string"){
const err22 = {instancePath:instancePath+"/kind",schemaPath:"#/properties/kind/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema33.properties.kind.type,parentSchema:schema33.properties.kind,data:data6};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
if(!(((data6 === "identifier") || (data6 === "phrase")) || (data6 === "word"))){
const err23 = {instancePath:instancePath+"/kind",schemaPath:"#/properties/kind/enum",keyword:"enum",params:{allowedValues: schema33.properties.kind.enum},message:"must be equal to one of the allowed values",schema:schema33.properties.kind.enum,parentSchema:schema33.properties.kind,data:data6};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
if(data.case !== undefined){
let data7 = data.case;
if(typeof data7 !== "string"){
const err24 = {instancePath:instancePath+"/case",schemaPath:"#/properties/case/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema33.properties.case.type,parentSchema:schema33.properties.case,data:data7};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
if(!((data7 === "sensitive") || (data7 === "insensitive"))){
const err25 = {instancePath:instancePath+"/case",schemaPath:"#/properties/case/enum",keyword:"enum",params:{allowedValues: schema33.properties.case.enum},message:"must be equal to one of the allowed values",schema:schema33.properties.case.enum,parentSchema:schema33.properties.case,data:data7};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
}
if(data.boundary !== undefined){
let data8 = data.boundary;
if(typeof data8 !== "string"){
const err26 = {instancePath:instancePath+"/boundary",schemaPath:"#/properties/boundary/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema33.properties.boundary.type,parentSchema:schema33.properties.boundary,data:data8};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
if(!(((data8 === "identifier") || (data8 === "word")) || (data8 === "none"))){
const err27 = {instancePath:instancePath+"/boundary",schemaPath:"#/properties/boundary/enum",keyword:"enum",params:{allowedValues: schema33.properties.boundary.enum},message:"must be equal to one of the allowed values",schema:schema33.properties.boundary.enum,parentSchema:schema33.properties.boundary,data:data8};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
}
if(data.variants !== undefined){
if(!(validate22(data.variants, {instancePath:instancePath+"/variants",parentData:data,parentDataProperty:"variants",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate22.errors : vErrors.concat(validate22.errors);
errors = vErrors.length;
}
}
if(data.notAfter !== undefined){
if(!(validate22(data.notAfter, {instancePath:instancePath+"/notAfter",parentData:data,parentDataProperty:"notAfter",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate22.errors : vErrors.concat(validate22.errors);
errors = vErrors.length;
}
}
if(data.notBefore !== undefined){
if(!(validate22(data.notBefore, {instancePath:instancePath+"/notBefore",parentData:data,parentDataProperty:"notBefore",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate22.errors : vErrors.concat(validate22.errors);
errors = vErrors.length;
}
}
if(data.boostContexts !== undefined){
if(!(validate22(data.boostContexts, {instancePath:instancePath+"/boostContexts",parentData:data,parentDataProperty:"boostContexts",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate22.errors : vErrors.concat(validate22.errors);
errors = vErrors.length;
}
}
if(data.demoteContexts !== undefined){
if(!(validate22(data.demoteContexts, {instancePath:instancePath+"/demoteContexts",parentData:data,parentDataProperty:"demoteContexts",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate22.errors : vErrors.concat(validate22.errors);
errors = vErrors.length;
}
}
if(data.references !== undefined){
let data14 = data.references;
if(Array.isArray(data14)){
if(data14.length > 32){
const err28 = {instancePath:instancePath+"/references",schemaPath:"#/properties/references/maxItems",keyword:"maxItems",params:{limit: 32},message:"must NOT have more than 32 items",schema:32,parentSchema:schema33.properties.references,data:data14};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
if(data14.length < 1){
const err29 = {instancePath:instancePath+"/references",schemaPath:"#/properties/references/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema33.properties.references,data:data14};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
const len0 = data14.length;
for(let i0=0; i0<len0; i0++){
let data15 = data14[i0];
if(data15 && typeof data15 == "object" && !Array.isArray(data15)){
if(data15.title === undefined){
const err30 = {instancePath:instancePath+"/references/" + i0,schemaPath:"#/$defs/reference/required",keyword:"required",params:{missingProperty: "title"},message:"must have required property '"+"title"+"'",schema:schema38.required,parentSchema:schema38,data:data15};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
if(data15.url === undefined){
const err31 = {instancePath:instancePath+"/references/" + i0,schemaPath:"#/$defs/reference/required",keyword:"required",params:{missingProperty: "url"},message:"must have required property '"+"url"+"'",schema:schema38.required,parentSchema:schema38,data:data15};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
for(const key1 in data15){
if(!((key1 === "title") || (key1 === "url"))){
const err32 = {instancePath:instancePath+"/references/" + i0,schemaPath:"#/$defs/reference/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties",schema:false,parentSchema:schema38,data:data15};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
}
if(data15.title !== undefined){
let data16 = data15.title;
if(typeof data16 === "string"){
if(func1(data16) < 1){
const err33 = {instancePath:instancePath+"/references/" + i0+"/title",schemaPath:"#/$defs/reference/properties/title/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema38.properties.title,data:data16};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
}
else {
const err34 = {instancePath:instancePath+"/references/" + i0+"/title",schemaPath:"#/$defs/reference/properties/title/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema38.properties.title.type,parentSchema:schema38.properties.title,data:data16};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
}
if(data15.url !== undefined){
let data17 = data15.url;
if(typeof data17 === "string"){
if(!pattern8.test(data17)){
const err35 = {instancePath:instancePath+"/references/" + i0+"/url",schemaPath:"#/$defs/reference/properties/url/pattern",keyword:"pattern",params:{pattern: "^https?://"},message:"must match pattern \""+"^https?://"+"\"",schema:"^https?://",parentSchema:schema38.properties.url,data:data17};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
if(!(formats0.test(data17))){
const err36 = {instancePath:instancePath+"/references/" + i0+"/url",schemaPath:"#/$defs/reference/properties/url/format",keyword:"format",params:{format: "uri"},message:"must match format \""+"uri"+"\"",schema:"uri",parentSchema:schema38.properties.url,data:data17};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
}
else {
const err37 = {instancePath:instancePath+"/references/" + i0+"/url",schemaPath:"#/$defs/reference/properties/url/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema38.properties.url.type,parentSchema:schema38.properties.url,data:data17};
if(vErrors === null){
vErrors = [err37];
}
else {
vErrors.push(err37);
}
errors++;
}
}
}
else {
const err38 = {instancePath:instancePath+"/references/" + i0,schemaPath:"#/$defs/reference/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema38.type,parentSchema:schema38,data:data15};
if(vErrors === null){
vErrors = [err38];
}
else {
vErrors.push(err38);
}
errors++;
}
}
}
else {
const err39 = {instancePath:instancePath+"/references",schemaPath:"#/properties/references/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema33.properties.references.type,parentSchema:schema33.properties.references,data:data14};
if(vErrors === null){
vErrors = [err39];
}
else {
vErrors.push(err39);
}
errors++;
}
}
if(data.notes !== undefined){
let data18 = data.notes;
if(typeof data18 === "string"){
if(func1(data18) < 1){
const err40 = {instancePath:instancePath+"/notes",schemaPath:"#/properties/notes/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema33.properties.notes,data:data18};
if(vErrors === null){
vErrors = [err40];
}
else {
vErrors.push(err40);
}
errors++;
}
}
else {
const err41 = {instancePath:instancePath+"/notes",schemaPath:"#/properties/notes/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema33.properties.notes.type,parentSchema:schema33.properties.notes,data:data18};
if(vErrors === null){
vErrors = [err41];
}
else {
vErrors.push(err41);
}
errors++;
}
}
}
else {
const err42 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema33.type,parentSchema:schema33,data};
if(vErrors === null){
vErrors = [err42];
}
else {
vErrors.push(err42);
}
errors++;
}
validate21.errors = vErrors;
return errors === 0;
}
validate21.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};


function validate20(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
/*# sourceURL="https://fwsift.dev/schema/patterns/1/patterns.schema.json" */;
let vErrors = null;
let errors = 0;
const evaluated0 = validate20.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.id === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "id"},message:"must have required property '"+"id"+"'",schema:schema31.required,parentSchema:schema31,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.version === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "version"},message:"must have required property '"+"version"+"'",schema:schema31.required,parentSchema:schema31,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(data.description === undefined){
const err2 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "description"},message:"must have required property '"+"description"+"'",schema:schema31.required,parentSchema:schema31,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
if(data.terms === undefined){
const err3 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "terms"},message:"must have required property '"+"terms"+"'",schema:schema31.required,parentSchema:schema31,data};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
for(const key0 in data){
if(!(((((key0 === "$schema") || (key0 === "id")) || (key0 === "version")) || (key0 === "description")) || (key0 === "terms"))){
const err4 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema31,data};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data.$schema !== undefined){
let data0 = data.$schema;
if(typeof data0 !== "string"){
const err5 = {instancePath:instancePath+"/$schema",schemaPath:"#/properties/%24schema/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema31.properties.$schema.type,parentSchema:schema31.properties.$schema,data:data0};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data.id !== undefined){
let data1 = data.id;
if(typeof data1 === "string"){
if(func1(data1) > 128){
const err6 = {instancePath:instancePath+"/id",schemaPath:"#/$defs/id/maxLength",keyword:"maxLength",params:{limit: 128},message:"must NOT have more than 128 characters",schema:128,parentSchema:schema32,data:data1};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
if(!pattern4.test(data1)){
const err7 = {instancePath:instancePath+"/id",schemaPath:"#/$defs/id/pattern",keyword:"pattern",params:{pattern: "^[a-z0-9][a-z0-9.-]*$"},message:"must match pattern \""+"^[a-z0-9][a-z0-9.-]*$"+"\"",schema:"^[a-z0-9][a-z0-9.-]*$",parentSchema:schema32,data:data1};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
else {
const err8 = {instancePath:instancePath+"/id",schemaPath:"#/$defs/id/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema32.type,parentSchema:schema32,data:data1};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
if(data.version !== undefined){
let data2 = data.version;
if(typeof data2 === "string"){
if(!pattern5.test(data2)){
const err9 = {instancePath:instancePath+"/version",schemaPath:"#/properties/version/pattern",keyword:"pattern",params:{pattern: "^(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)(-((0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*)(\\.(0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*))*))?(\\+([0-9a-zA-Z-]+(\\.[0-9a-zA-Z-]+)*))?$"},message:"must match pattern \""+"^(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)(-((0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*)(\\.(0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*))*))?(\\+([0-9a-zA-Z-]+(\\.[0-9a-zA-Z-]+)*))?$"+"\"",schema:"^(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)(-((0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*)(\\.(0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*))*))?(\\+([0-9a-zA-Z-]+(\\.[0-9a-zA-Z-]+)*))?$",parentSchema:schema31.properties.version,data:data2};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
else {
const err10 = {instancePath:instancePath+"/version",schemaPath:"#/properties/version/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema31.properties.version.type,parentSchema:schema31.properties.version,data:data2};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
if(data.description !== undefined){
let data3 = data.description;
if(typeof data3 === "string"){
if(func1(data3) < 1){
const err11 = {instancePath:instancePath+"/description",schemaPath:"#/properties/description/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema31.properties.description,data:data3};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
else {
const err12 = {instancePath:instancePath+"/description",schemaPath:"#/properties/description/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema31.properties.description.type,parentSchema:schema31.properties.description,data:data3};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
if(data.terms !== undefined){
let data4 = data.terms;
if(Array.isArray(data4)){
if(data4.length > 10000){
const err13 = {instancePath:instancePath+"/terms",schemaPath:"#/properties/terms/maxItems",keyword:"maxItems",params:{limit: 10000},message:"must NOT have more than 10000 items",schema:10000,parentSchema:schema31.properties.terms,data:data4};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
if(data4.length < 1){
const err14 = {instancePath:instancePath+"/terms",schemaPath:"#/properties/terms/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema31.properties.terms,data:data4};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
const len0 = data4.length;
for(let i0=0; i0<len0; i0++){
if(!(validate21(data4[i0], {instancePath:instancePath+"/terms/" + i0,parentData:data4,parentDataProperty:i0,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate21.errors : vErrors.concat(validate21.errors);
errors = vErrors.length;
}
}
}
else {
const err15 = {instancePath:instancePath+"/terms",schemaPath:"#/properties/terms/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema31.properties.terms.type,parentSchema:schema31.properties.terms,data:data4};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
}
else {
const err16 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema31.type,parentSchema:schema31,data};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
validate20.errors = vErrors;
return errors === 0;
}
validate20.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};
