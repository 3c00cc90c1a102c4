// The UN names of States: every Member State (as world-countries lists them, less the Holy See it wrongly
// flags as a member), the two observer States and Western Sahara are there in the six languages; the
// difficult names are the UN's; the Chinese is simplified; and the common names the UN does not use are absent.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import countries from 'world-countries';
import { UN_NAMES, UN_NAMES_SOURCE, type UnLanguage } from './un-names.ts';

const LANGUAGES: UnLanguage[] = ['en', 'fr', 'es', 'ru', 'ar', 'zh'];

test('the 193 Member States, the two observer States and Western Sahara, named in every language', () => {
  const members = countries.filter((c) => c.unMember && c.cca3 !== 'VAT').map((c) => c.cca3);
  assert.equal(members.length, 193);
  const expected = [...members, 'VAT', 'PSE', 'ESH'].sort();
  assert.deepEqual(Object.keys(UN_NAMES).sort(), expected);
  for (const [code, names] of Object.entries(UN_NAMES)) {
    assert.deepEqual(Object.keys(names).sort(), [...LANGUAGES].sort(), code);
    for (const lang of LANGUAGES) {
      const name = names[lang];
      assert.equal(typeof name, 'string', `${code} ${lang}`);
      assert.ok(name.trim().length > 0, `${code} ${lang} is empty`);
      assert.equal(name, name.trim(), `${code} ${lang} has surrounding spaces`);
      assert.ok(!/\s{2}/.test(name), `${code} ${lang} has a double space`);
    }
  }
  assert.match(UN_NAMES_SOURCE, /unterm\.un\.org/);
  assert.match(UN_NAMES_SOURCE, /un\.org\/en\/about-us\/member-states/);
});

test('no two States share a name in any language', () => {
  for (const lang of LANGUAGES) {
    const seen = new Map<string, string>();
    for (const [code, names] of Object.entries(UN_NAMES)) {
      const other = seen.get(names[lang]);
      assert.equal(other, undefined, `${lang} "${names[lang]}" is used by ${other} and ${code}`);
      seen.set(names[lang], code);
    }
  }
});

const DIFFICULT: Record<string, Partial<Record<UnLanguage, string>>> = {
  CIV: { en: "Côte d'Ivoire", fr: 'Côte d’Ivoire', es: 'Côte d’Ivoire', ru: 'Кот-д’Ивуар', ar: 'كوت ديفوار', zh: '科特迪瓦' },
  PRK: {
    en: "Democratic People's Republic of Korea",
    fr: 'République populaire démocratique de Corée',
    es: 'República Popular Democrática de Corea',
    ru: 'Корейская Народно-Демократическая Республика',
    ar: 'جمهورية كوريا الشعبية الديمقراطية',
    zh: '朝鲜民主主义人民共和国',
  },
  KOR: { en: 'Republic of Korea', fr: 'République de Corée', es: 'República de Corea', ru: 'Республика Корея', zh: '大韩民国' },
  MDA: {
    en: 'Republic of Moldova',
    fr: 'République de Moldova',
    es: 'República de Moldova',
    ru: 'Республика Молдова',
    ar: 'جمهورية مولدوفا',
    zh: '摩尔多瓦共和国',
  },
  TUR: { en: 'Türkiye', fr: 'Türkiye', es: 'Türkiye', ru: 'Турция', zh: '土耳其' },
  VAT: { en: 'Holy See', fr: 'Saint-Siège', es: 'Santa Sede', ru: 'Святейший Престол', ar: 'الكرسي الرسولي', zh: '教廷' },
  PSE: {
    en: 'State of Palestine',
    fr: 'État de Palestine',
    es: 'Estado de Palestina',
    ru: 'Государство Палестина',
    ar: 'دولة فلسطين',
    zh: '巴勒斯坦国',
  },
  BOL: {
    en: 'Bolivia (Plurinational State of)',
    fr: 'Bolivie (État plurinational de)',
    es: 'Bolivia (Estado Plurinacional de)',
    ru: 'Боливия (Многонациональное Государство)',
    zh: '多民族玻利维亚国',
  },
  IRN: {
    en: 'Iran (Islamic Republic of)',
    fr: 'Iran (République islamique d’)',
    es: 'Irán (República Islámica del)',
    ru: 'Иран (Исламская Республика)',
    zh: '伊朗伊斯兰共和国',
  },
  VEN: {
    en: 'Venezuela (Bolivarian Republic of)',
    fr: 'Venezuela (République bolivarienne du)',
    es: 'Venezuela (República Bolivariana de)',
    ru: 'Венесуэла (Боливарианская Республика)',
    zh: '委内瑞拉玻利瓦尔共和国',
  },
  TZA: {
    en: 'United Republic of Tanzania',
    fr: 'République-Unie de Tanzanie',
    es: 'República Unida de Tanzanía',
    ru: 'Объединенная Республика Танзания',
    zh: '坦桑尼亚联合共和国',
  },
  LAO: {
    en: "Lao People's Democratic Republic",
    fr: 'République démocratique populaire lao',
    es: 'República Democrática Popular Lao',
    ru: 'Лаосская Народно-Демократическая Республика',
    zh: '老挝人民民主共和国',
  },
  SYR: {
    en: 'Syrian Arab Republic',
    fr: 'République arabe syrienne',
    es: 'República Árabe Siria',
    ru: 'Сирийская Арабская Республика',
    ar: 'الجمهورية العربية السورية',
    zh: '阿拉伯叙利亚共和国',
  },
  RUS: {
    en: 'Russian Federation',
    fr: 'Fédération de Russie',
    es: 'Federación de Rusia',
    ru: 'Российская Федерация',
    ar: 'الاتحاد الروسي',
    zh: '俄罗斯联邦',
  },
  GBR: {
    en: 'United Kingdom of Great Britain and Northern Ireland',
    fr: 'Royaume-Uni de Grande-Bretagne et d’Irlande du Nord',
    es: 'Reino Unido de Gran Bretaña e Irlanda del Norte',
    ru: 'Соединенное Королевство Великобритании и Северной Ирландии',
    zh: '大不列颠及北爱尔兰联合王国',
  },
  NLD: { en: 'Netherlands (Kingdom of the)', fr: 'Pays-Bas (Royaume des)', es: 'Países Bajos (Reino de los)' },
  CZE: { en: 'Czechia', fr: 'Tchéquie', es: 'Chequia', ru: 'Чехия', zh: '捷克' },
  SWZ: { en: 'Eswatini', fr: 'Eswatini', es: 'Eswatini', ru: 'Эсватини' },
  MMR: { en: 'Myanmar', fr: 'Myanmar', es: 'Myanmar', ru: 'Мьянма', zh: '缅甸' },
  CPV: { en: 'Cabo Verde', fr: 'Cabo Verde', es: 'Cabo Verde', ru: 'Кабо-Верде', zh: '佛得角' },
  FSM: {
    en: 'Micronesia (Federated States of)',
    fr: 'Micronésie (États fédérés de)',
    es: 'Micronesia (Estados Federados de)',
    ru: 'Микронезия (Федеративные Штаты)',
    zh: '密克罗尼西亚联邦',
  },
  VNM: { en: 'Viet Nam', fr: 'Viet Nam', es: 'Viet Nam', ru: 'Вьетнам', zh: '越南' },
  BRN: {
    en: 'Brunei Darussalam',
    fr: 'Brunéi Darussalam',
    es: 'Brunei Darussalam',
    ru: 'Бруней-Даруссалам',
    zh: '文莱达鲁萨兰国',
  },
  MKD: { en: 'North Macedonia', fr: 'Macédoine du Nord', es: 'Macedonia del Norte', ru: 'Северная Македония', zh: '北马其顿' },
  USA: {
    en: 'United States of America',
    fr: 'États-Unis d’Amérique',
    es: 'Estados Unidos de América',
    ru: 'Соединенные Штаты Америки',
    ar: 'الولايات المتحدة الأمريكية',
    zh: '美利坚合众国',
  },
  COD: {
    en: 'Democratic Republic of the Congo',
    fr: 'République démocratique du Congo',
    es: 'República Democrática del Congo',
    ru: 'Демократическая Республика Конго',
    ar: 'جمهورية الكونغو الديمقراطية',
    zh: '刚果民主共和国',
  },
  COG: { en: 'Congo', fr: 'Congo', es: 'Congo', ru: 'Конго', ar: 'الكونغو', zh: '刚果' },
  GMB: { en: 'Gambia', fr: 'Gambie', es: 'Gambia', ru: 'Гамбия', zh: '冈比亚' },
  BHS: { en: 'Bahamas', fr: 'Bahamas', es: 'Bahamas', ru: 'Багамские Острова', zh: '巴哈马' },
  TLS: { en: 'Timor-Leste', fr: 'Timor-Leste', es: 'Timor-Leste', ru: 'Тимор-Лешти', zh: '东帝汶' },
  ESH: { en: 'Western Sahara', fr: 'Sahara occidental', es: 'Sáhara Occidental', ru: 'Западная Сахара', zh: '西撒哈拉' },
};

test('difficult names are the UN short names', () => {
  assert.ok(Object.keys(DIFFICULT).length >= 25);
  for (const [code, names] of Object.entries(DIFFICULT)) {
    for (const [lang, name] of Object.entries(names)) {
      assert.equal(UN_NAMES[code]?.[lang as UnLanguage], name, `${code} ${lang}`);
    }
  }
});

// Characters found only in traditional Chinese (their simplified forms: 国兰亚尔维东联萨伦纳马门岛湾乌罗苏圣麦达卫韩义赖刚几内爱来与华卢).
const TRADITIONAL = [...'國蘭亞爾維東聯薩倫納馬門島灣烏羅蘇聖麥達衛韓義賴剛幾內愛來與華盧'];

test('Chinese names are written in simplified characters', () => {
  assert.ok(TRADITIONAL.length >= 30);
  for (const [code, names] of Object.entries(UN_NAMES)) {
    for (const c of TRADITIONAL) {
      assert.ok(!names.zh.includes(c), `${code} zh "${names.zh}" has the traditional character ${c}`);
    }
    assert.ok(/^[\u4e00-\u9fff]+$/.test(names.zh), `${code} zh "${names.zh}" is not all CJK characters`);
  }
});

test('Russian and Arabic names are written in their own scripts', () => {
  for (const [code, names] of Object.entries(UN_NAMES)) {
    assert.ok(/^[А-Яа-я’ ()—-]+$/.test(names.ru), `${code} ru "${names.ru}"`);
    assert.ok(/^[\u0600-\u06ff ()-]+$/.test(names.ar), `${code} ar "${names.ar}"`);
  }
});

// Names the UN does not use. `exact` names are refused as a whole name (they are part of a right one: "Republic
// of Moldova"); the others may not appear anywhere in a name of that language.
const REJECTED: { lang: UnLanguage; name: string; exact?: boolean }[] = [
  { lang: 'en', name: 'Ivory Coast' },
  { lang: 'en', name: 'North Korea' },
  { lang: 'en', name: 'South Korea' },
  { lang: 'en', name: 'Vatican' },
  { lang: 'en', name: 'Moldova', exact: true },
  { lang: 'en', name: 'Turkey' },
  { lang: 'en', name: 'Swaziland' },
  { lang: 'en', name: 'Burma' },
  { lang: 'en', name: 'Czech Republic' },
  { lang: 'en', name: 'Cape Verde' },
  { lang: 'en', name: 'Macedonia', exact: true },
  { lang: 'en', name: 'Palestine', exact: true },
  { lang: 'en', name: 'Vietnam' },
  { lang: 'en', name: 'Laos' },
  { lang: 'en', name: 'Syria', exact: true },
  { lang: 'en', name: 'Russia', exact: true },
  { lang: 'en', name: 'Iran', exact: true },
  { lang: 'en', name: 'Bolivia', exact: true },
  { lang: 'en', name: 'Venezuela', exact: true },
  { lang: 'en', name: 'Tanzania', exact: true },
  { lang: 'en', name: 'United States', exact: true },
  { lang: 'en', name: 'Brunei', exact: true },
  { lang: 'en', name: 'Micronesia', exact: true },
  { lang: 'en', name: 'Netherlands', exact: true },
  { lang: 'en', name: 'United Kingdom', exact: true },
  { lang: 'en', name: 'DR Congo' },
  { lang: 'en', name: 'The Gambia' },
  { lang: 'en', name: 'The Bahamas' },
  { lang: 'en', name: 'East Timor' },
  { lang: 'fr', name: 'Birmanie' },
  { lang: 'fr', name: 'Swaziland' },
  { lang: 'fr', name: 'Vatican' },
  { lang: 'fr', name: 'Moldavie' },
  { lang: 'fr', name: 'Turquie' },
  { lang: 'fr', name: 'Biélorussie' },
  { lang: 'fr', name: 'Cap-Vert' },
  { lang: 'fr', name: 'Russie', exact: true },
  { lang: 'fr', name: 'Corée du Nord' },
  { lang: 'fr', name: 'Corée du Sud' },
  { lang: 'es', name: 'Birmania' },
  { lang: 'es', name: 'Suazilandia' },
  { lang: 'es', name: 'Vaticano' },
  { lang: 'es', name: 'Moldavia' },
  { lang: 'es', name: 'Turquía' },
  { lang: 'es', name: 'Costa de Marfil' },
  { lang: 'es', name: 'Corea del Norte' },
  { lang: 'es', name: 'Corea del Sur' },
  { lang: 'ru', name: 'Молдавия' },
  { lang: 'ru', name: 'Ватикан' },
  { lang: 'ru', name: 'Белоруссия' },
  { lang: 'ru', name: "Кот-д'Ивуар" },
  { lang: 'ru', name: 'Северная Корея' },
  { lang: 'ru', name: 'Южная Корея' },
  { lang: 'ru', name: 'Россия', exact: true },
  { lang: 'ru', name: 'Свазиленд' },
  { lang: 'ar', name: 'ساحل العاج' },
  { lang: 'ar', name: 'الفاتيكان' },
  { lang: 'ar', name: 'كوريا الشمالية' },
  { lang: 'ar', name: 'كوريا الجنوبية' },
  { lang: 'zh', name: '韩国', exact: true },
  { lang: 'zh', name: '朝鲜', exact: true },
  { lang: 'zh', name: '梵蒂冈' },
  { lang: 'zh', name: '象牙海岸' },
];

test('names the UN does not use are absent', () => {
  for (const { lang, name, exact } of REJECTED) {
    for (const [code, names] of Object.entries(UN_NAMES)) {
      const found = exact ? names[lang] === name : names[lang].includes(name);
      assert.ok(!found, `${code} ${lang} "${names[lang]}" uses the rejected name "${name}"`);
    }
  }
  assert.notEqual(UN_NAMES.KOR.zh, '韩国');
});
