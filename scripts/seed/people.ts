/** Russian names, company names, positions and addresses for the seed generators. */
import { completeInn } from '../../schema/domain/inn';
import { Random, weightedPicker } from './random';

/** Male first name with the patronymic it gives to sons and daughters. */
const MALE_NAMES: readonly (readonly [string, string, string])[] = [
  ['Александр', 'Александрович', 'Александровна'],
  ['Алексей', 'Алексеевич', 'Алексеевна'],
  ['Андрей', 'Андреевич', 'Андреевна'],
  ['Антон', 'Антонович', 'Антоновна'],
  ['Артём', 'Артёмович', 'Артёмовна'],
  ['Борис', 'Борисович', 'Борисовна'],
  ['Вадим', 'Вадимович', 'Вадимовна'],
  ['Валерий', 'Валерьевич', 'Валерьевна'],
  ['Василий', 'Васильевич', 'Васильевна'],
  ['Виктор', 'Викторович', 'Викторовна'],
  ['Виталий', 'Витальевич', 'Витальевна'],
  ['Владимир', 'Владимирович', 'Владимировна'],
  ['Владислав', 'Владиславович', 'Владиславовна'],
  ['Вячеслав', 'Вячеславович', 'Вячеславовна'],
  ['Геннадий', 'Геннадьевич', 'Геннадьевна'],
  ['Георгий', 'Георгиевич', 'Георгиевна'],
  ['Григорий', 'Григорьевич', 'Григорьевна'],
  ['Денис', 'Денисович', 'Денисовна'],
  ['Дмитрий', 'Дмитриевич', 'Дмитриевна'],
  ['Евгений', 'Евгеньевич', 'Евгеньевна'],
  ['Егор', 'Егорович', 'Егоровна'],
  ['Иван', 'Иванович', 'Ивановна'],
  ['Игорь', 'Игоревич', 'Игоревна'],
  ['Илья', 'Ильич', 'Ильинична'],
  ['Кирилл', 'Кириллович', 'Кирилловна'],
  ['Константин', 'Константинович', 'Константиновна'],
  ['Леонид', 'Леонидович', 'Леонидовна'],
  ['Максим', 'Максимович', 'Максимовна'],
  ['Михаил', 'Михайлович', 'Михайловна'],
  ['Никита', 'Никитич', 'Никитична'],
  ['Николай', 'Николаевич', 'Николаевна'],
  ['Олег', 'Олегович', 'Олеговна'],
  ['Павел', 'Павлович', 'Павловна'],
  ['Пётр', 'Петрович', 'Петровна'],
  ['Роман', 'Романович', 'Романовна'],
  ['Руслан', 'Русланович', 'Руслановна'],
  ['Сергей', 'Сергеевич', 'Сергеевна'],
  ['Станислав', 'Станиславович', 'Станиславовна'],
  ['Степан', 'Степанович', 'Степановна'],
  ['Тимур', 'Тимурович', 'Тимуровна'],
  ['Фёдор', 'Фёдорович', 'Фёдоровна'],
  ['Юрий', 'Юрьевич', 'Юрьевна'],
  ['Ярослав', 'Ярославович', 'Ярославовна'],
];

const FEMALE_NAMES: readonly string[] = [
  'Александра',
  'Алина',
  'Алла',
  'Анастасия',
  'Анна',
  'Валентина',
  'Валерия',
  'Вера',
  'Виктория',
  'Галина',
  'Дарья',
  'Диана',
  'Евгения',
  'Екатерина',
  'Елена',
  'Елизавета',
  'Жанна',
  'Зоя',
  'Инна',
  'Ирина',
  'Карина',
  'Кристина',
  'Ксения',
  'Лариса',
  'Любовь',
  'Людмила',
  'Маргарита',
  'Марина',
  'Мария',
  'Надежда',
  'Наталья',
  'Нина',
  'Оксана',
  'Ольга',
  'Полина',
  'Светлана',
  'София',
  'Тамара',
  'Татьяна',
  'Ульяна',
  'Юлия',
  'Яна',
];

/** Male surnames; the female form is derived (‑ов → ‑ова, ‑ский → ‑ская, others unchanged). */
const SURNAMES: readonly string[] = [
  'Иванов',
  'Смирнов',
  'Кузнецов',
  'Попов',
  'Васильев',
  'Петров',
  'Соколов',
  'Михайлов',
  'Новиков',
  'Фёдоров',
  'Морозов',
  'Волков',
  'Алексеев',
  'Лебедев',
  'Семёнов',
  'Егоров',
  'Павлов',
  'Козлов',
  'Степанов',
  'Николаев',
  'Орлов',
  'Андреев',
  'Макаров',
  'Никитин',
  'Захаров',
  'Зайцев',
  'Соловьёв',
  'Борисов',
  'Яковлев',
  'Григорьев',
  'Романов',
  'Воробьёв',
  'Сергеев',
  'Кузьмин',
  'Фролов',
  'Александров',
  'Дмитриев',
  'Королёв',
  'Гусев',
  'Киселёв',
  'Ильин',
  'Максимов',
  'Поляков',
  'Сорокин',
  'Виноградов',
  'Ковалёв',
  'Белов',
  'Медведев',
  'Антонов',
  'Тарасов',
  'Жуков',
  'Баранов',
  'Филиппов',
  'Комаров',
  'Давыдов',
  'Беляев',
  'Герасимов',
  'Богданов',
  'Осипов',
  'Сидоров',
  'Матвеев',
  'Титов',
  'Марков',
  'Миронов',
  'Крылов',
  'Куликов',
  'Карпов',
  'Власов',
  'Мельников',
  'Денисов',
  'Гаврилов',
  'Тихонов',
  'Казаков',
  'Афанасьев',
  'Данилов',
  'Савельев',
  'Тимофеев',
  'Фомин',
  'Чернов',
  'Абрамов',
  'Мартынов',
  'Ефимов',
  'Федотов',
  'Щербаков',
  'Назаров',
  'Калинин',
  'Исаев',
  'Чернышёв',
  'Быков',
  'Маслов',
  'Родионов',
  'Коновалов',
  'Лазарев',
  'Воронин',
  'Климов',
  'Филатов',
  'Пономарёв',
  'Голубев',
  'Кудрявцев',
  'Прохоров',
  'Наумов',
  'Потапов',
  'Журавлёв',
  'Овчинников',
  'Трофимов',
  'Леонов',
  'Соболев',
  'Ермаков',
  'Колесников',
  'Гончаров',
  'Емельянов',
  'Никифоров',
  'Грачёв',
  'Котов',
  'Гришин',
  'Ефремов',
  'Архипов',
  'Громов',
  'Кириллов',
  'Малышев',
  'Панов',
  'Моисеев',
  'Румянцев',
  'Акимов',
  'Кондратьев',
  'Бирюков',
  'Горбунов',
  'Анисимов',
  'Ерёмин',
  'Тихомиров',
  'Галкин',
  'Лукьянов',
  'Михеев',
  'Скворцов',
  'Юдин',
  'Белоусов',
  'Нестеров',
  'Симонов',
  'Прокофьев',
  'Харитонов',
  'Князев',
  'Цветков',
  'Левин',
  'Митрофанов',
  'Воронов',
  'Аксёнов',
  'Софронов',
  'Мальцев',
  'Логинов',
  'Горшков',
  'Савин',
  'Краснов',
  'Майоров',
  'Демидов',
  'Елисеев',
  'Рыбаков',
  'Сафонов',
  'Плотников',
  'Дёмин',
  'Хохлов',
  'Жданов',
  'Руденко',
  'Шевченко',
  'Коваленко',
  'Бондаренко',
  'Ткаченко',
  'Кравченко',
  'Шевчук',
  'Полищук',
  'Мельник',
  'Островский',
  'Войцеховский',
  'Чайковский',
  'Вишневский',
  'Ковальский',
  'Савицкий',
  'Соколовский',
  'Хабибуллин',
  'Сафин',
  'Гарипов',
  'Зарипов',
  'Валиев',
  'Юсупов',
  'Ахметов',
  'Каримов',
  'Латыпов',
];

export type Sex = 'm' | 'f';

export interface PersonName {
  sex: Sex;
  first: string;
  patronymic: string;
  last: string;
}

function feminine(surname: string): string {
  if (/(ов|ев|ёв|ин|ын)$/.test(surname)) return `${surname}а`;
  if (/ский$/.test(surname)) return surname.replace(/ский$/, 'ская');
  if (/цкий$/.test(surname)) return surname.replace(/цкий$/, 'цкая');
  return surname;
}

export function personName(rng: Random, sex: Sex = rng.chance(0.55) ? 'm' : 'f'): PersonName {
  const father = rng.pick(MALE_NAMES);
  const surname = rng.pick(SURNAMES);
  if (sex === 'm') {
    const own = rng.pick(MALE_NAMES);
    return { sex, first: own[0], patronymic: father[1], last: surname };
  }
  return { sex, first: rng.pick(FEMALE_NAMES), patronymic: father[2], last: feminine(surname) };
}

/** "Сергей Петрович Иванов" reads as in a CRM card: first name, patronymic, surname. */
export function fullName(p: PersonName): string {
  return `${p.first} ${p.patronymic} ${p.last}`;
}

export const POSITIONS = weightedPicker<string>([
  ['Снабженец', 18],
  ['Менеджер по закупкам', 14],
  ['Начальник отдела снабжения', 8],
  ['Директор', 10],
  ['Генеральный директор', 6],
  ['Коммерческий директор', 4],
  ['Главный инженер', 7],
  ['Инженер ПТО', 5],
  ['Прораб', 8],
  ['Мастер участка', 4],
  ['Главный бухгалтер', 6],
  ['Бухгалтер', 6],
  ['Заместитель директора', 3],
  ['Руководитель проекта', 3],
  ['Кладовщик', 2],
]);

export type LegalForm = 'ООО' | 'АО' | 'ПАО' | 'ЗАО' | 'ИП';

export const LEGAL_FORMS = weightedPicker<LegalForm>([
  ['ООО', 72],
  ['ИП', 14],
  ['АО', 8],
  ['ЗАО', 4],
  ['ПАО', 2],
]);

const NAME_FIRST: readonly string[] = [
  'Кровельный центр',
  'Кровля',
  'Профнастил',
  'Металлоторг',
  'СтройМеталл',
  'Металлопрофиль',
  'ТехноСтрой',
  'Стройкомплект',
  'Фасад',
  'Крыша',
  'Металлокровля',
  'Профиль',
  'Стальной дом',
  'Монолит',
  'СтройИнвест',
  'ПромСтрой',
  'Строймаркет',
  'Сталь',
  'Евротент',
  'Ангар',
  'Металлокомплект',
  'Стройресурс',
  'Технониколь-Сервис',
  'Домострой',
  'Теплый дом',
  'Новый дом',
  'Кровельный двор',
  'Стройбаза',
  'Металлобаза',
  'Сэндвич-панель',
  'Быстровозводимые здания',
  'Прогресс',
  'Вектор',
  'Альянс',
  'Стройснаб',
  'Промснаб',
  'Техснаб',
  'Металлснаб',
  'Строитель',
  'Зодчий',
  'Мастер',
  'Уралпрофиль',
  'Сибпрофиль',
  'Дальстрой',
  'Балтстрой',
  'Волгостальпрокат',
  'Кубаньстрой',
  'Стальконструкция',
  'Стройдеталь',
  'Фабрика кровли',
  'Гранит',
  'Опора',
  'Каркас',
  'Стройпартнёр',
  'Агрострой',
  'Энергострой',
  'Мостострой',
  'Дорстрой',
  'Жилстрой',
  'Спецмонтаж',
];

const NAME_SECOND: readonly string[] = [
  'Север',
  'Юг',
  'Восток',
  'Запад',
  'Центр',
  'Плюс',
  'Групп',
  'Регион',
  'Сибирь',
  'Урал',
  'Волга',
  'Дон',
  'Кубань',
  'Балтика',
  'Приморье',
  'Байкал',
  'Енисей',
  'Обь',
  'Амур',
  'Нева',
  'Кама',
  'Ока',
  'Про',
  'Люкс',
  'Инвест',
  'Трейд',
  'Сервис',
  'Монтаж',
  'Снаб',
  'Комплект',
  'Маркет',
  'Холдинг',
  'М',
  'К',
  'Т',
  'Стандарт',
  'Эксперт',
  'Лидер',
  'Партнёр',
  'Профи',
  'Мега',
  'Гарант',
  'Альфа',
  'Бета',
  'Дельта',
  'Омега',
  'Плюс 1',
  'XXI',
  '2000',
  '24',
  '777',
  'СК',
  'ТД',
  'ПКФ',
  'ПМК',
];

/** Halves of made-up compound names ("Уралметаллторг" style) for more distinct names at scale. */
const COMPOUND_HEAD: readonly string[] = [
  'Урал',
  'Сиб',
  'Даль',
  'Волго',
  'Нева',
  'Кубань',
  'Балт',
  'Мос',
  'Енисей',
  'Байкал',
  'Проф',
  'Техно',
  'Строй',
  'Метал',
  'Пром',
  'Агро',
  'Энерго',
  'Евро',
  'Рус',
  'Гранд',
  'Нова',
  'Спец',
  'Инвест',
  'Кров',
  'Фасад',
  'Сталь',
  'Регион',
  'Север',
  'Юг',
  'Восток',
  'Центр',
  'Кама',
  'Дон',
  'Ока',
  'Амур',
  'Обь',
];
const COMPOUND_TAIL: readonly string[] = [
  'металл',
  'профиль',
  'строй',
  'снаб',
  'торг',
  'комплект',
  'сталь',
  'прокат',
  'монтаж',
  'кровля',
  'сервис',
  'трейд',
  'пром',
  'лист',
  'дом',
  'маш',
  'стандарт',
  'ресурс',
  'холдинг',
  'опт',
];

function organisationName(rng: Random): string {
  const roll = rng.next();
  if (roll < 0.45) return `${rng.pick(NAME_FIRST)} ${rng.pick(NAME_SECOND)}`;
  if (roll < 0.55) return rng.pick(NAME_FIRST);
  const head = rng.pick(COMPOUND_HEAD);
  let tail = rng.pick(COMPOUND_TAIL);
  // No "Кровкровля" or "Стройстрой".
  while (tail.startsWith(head.toLowerCase().slice(0, 4))) tail = rng.pick(COMPOUND_TAIL);
  const compound = head + tail;
  return rng.chance(0.5) ? `${compound} ${rng.pick(NAME_SECOND)}` : compound;
}

export interface CompanyIdentity {
  name: string;
  legalForm: LegalForm;
  inn: string;
  kpp: string | null;
  /** For an ИП the person is the one contact everyone knows. */
  owner: PersonName | null;
}

/**
 * A company name, ИНН and КПП. `taxRegion` is the 2-digit region code ИНН/КПП start with;
 * `usedInns` keeps ИНН unique across the whole data set.
 */
export function companyIdentity(rng: Random, taxRegion: string, usedInns: Set<string>): CompanyIdentity {
  const legalForm = LEGAL_FORMS(rng);
  const office = String(rng.int(1, 51)).padStart(2, '0');
  if (legalForm === 'ИП') {
    const owner = personName(rng);
    let inn: string;
    do inn = completeInn(taxRegion + office + String(rng.int(0, 999_999)).padStart(6, '0'));
    while (usedInns.has(inn));
    usedInns.add(inn);
    return { name: `ИП ${owner.last} ${owner.first} ${owner.patronymic}`, legalForm, inn, kpp: null, owner };
  }
  const name = organisationName(rng);
  let inn: string;
  do inn = completeInn(taxRegion + office + String(rng.int(0, 99_999)).padStart(5, '0'));
  while (usedInns.has(inn));
  usedInns.add(inn);
  // Most organisations are registered where they are ("01" = Russian organisation at its seat).
  const reason = rng.chance(0.9) ? '01' : rng.pick(['43', '45', '02', '50']);
  const kpp = `${taxRegion}${office}${reason}${String(rng.chance(0.9) ? 1 : rng.int(2, 9)).padStart(3, '0')}`;
  return { name: `${legalForm} «${name}»`, legalForm, inn, kpp, owner: null };
}

const TRANSLIT: Record<string, string> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'e',
  ё: 'e',
  ж: 'zh',
  з: 'z',
  и: 'i',
  й: 'y',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ъ: '',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'yu',
  я: 'ya',
};

/** Lower-case Latin for e-mail local parts and domains (ГОСТ-like, good enough for seeds). */
export function translit(text: string): string {
  let out = '';
  for (const ch of text.toLowerCase()) {
    const mapped = TRANSLIT[ch];
    if (mapped !== undefined) out += mapped;
    else if (/[a-z0-9]/.test(ch)) out += ch;
    else if (ch === ' ' || ch === '-') out += '-';
  }
  return out.replace(/-+/g, '-').replace(/^-|-$/g, '');
}

export const PUBLIC_MAIL_DOMAINS = weightedPicker<string>([
  ['mail.ru', 30],
  ['yandex.ru', 30],
  ['bk.ru', 6],
  ['inbox.ru', 5],
  ['list.ru', 5],
  ['gmail.com', 10],
  ['rambler.ru', 4],
  ['ya.ru', 5],
]);

const CORPORATE_TLDS = weightedPicker<string>([
  ['ru', 80],
  ['com', 8],
  ['su', 2],
  ['net', 4],
  ['pro', 6],
]);

/** A corporate domain derived from the company name, e.g. "krovelnyy-tsentr-sever.ru". */
export function corporateDomain(rng: Random, companyName: string): string {
  const inner = companyName.replace(/^(ООО|АО|ПАО|ЗАО|ИП)\s+/u, '').replace(/[«»"]/g, '');
  const base = translit(inner).slice(0, 30).replace(/-$/, '') || 'company';
  return `${base}.${CORPORATE_TLDS(rng)}`;
}

/** Local part of an address for a person: "s.ivanov", "ivanov.sergey", "sergey_ivanov". */
export function mailLocalPart(rng: Random, p: PersonName): string {
  const first = translit(p.first);
  const last = translit(p.last);
  switch (rng.int(0, 3)) {
    case 0:
      return `${first.charAt(0)}.${last}`;
    case 1:
      return `${last}.${first}`;
    case 2:
      return `${first}_${last}`;
    default:
      return `${last}${rng.int(1, 99)}`;
  }
}

/** Role mailboxes a company answers from. */
export const ROLE_MAILBOXES: readonly string[] = ['info', 'snab', 'zakupki', 'office', 'sales', 'buh', 'zakaz'];
