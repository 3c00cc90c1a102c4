// Content translations shipped so far: the norms' short titles and the pillars' titles. Everything not
// listed here falls back to English and is marked as such on the page.
import type { TranslationSeed } from './types.ts';

const normTitles: Record<string, TranslationSeed['values']> = {
  a: {
    fr: 'Coopération entre États pour la sécurité',
    es: 'Cooperación entre Estados en materia de seguridad',
    ru: 'Межгосударственное сотрудничество в области безопасности',
    ar: 'التعاون بين الدول في مجال الأمن',
    zh: '国家间安全合作',
  },
  b: {
    fr: 'Prendre en compte toutes les informations pertinentes',
    es: 'Considerar toda la información pertinente',
    ru: 'Учитывать всю соответствующую информацию',
    ar: 'مراعاة جميع المعلومات ذات الصلة',
    zh: '考虑所有相关信息',
  },
  c: {
    fr: 'Empêcher l’utilisation abusive des TIC sur son territoire',
    es: 'Impedir el uso indebido de las TIC en el propio territorio',
    ru: 'Не допускать злоупотребления ИКТ на своей территории',
    ar: 'منع إساءة استخدام تكنولوجيا المعلومات والاتصالات في إقليمك',
    zh: '防止本国领土上的信通技术滥用',
  },
  d: {
    fr: 'Coopérer contre la criminalité et le terrorisme',
    es: 'Cooperar contra la delincuencia y el terrorismo',
    ru: 'Сотрудничать в борьбе с преступностью и терроризмом',
    ar: 'التعاون لوقف الجريمة والإرهاب',
    zh: '合作打击犯罪和恐怖主义',
  },
  e: {
    fr: 'Respecter les droits de l’homme et la vie privée',
    es: 'Respetar los derechos humanos y la privacidad',
    ru: 'Уважать права человека и неприкосновенность частной жизни',
    ar: 'احترام حقوق الإنسان والخصوصية',
    zh: '尊重人权和隐私',
  },
  f: {
    fr: 'Ne pas endommager les infrastructures critiques',
    es: 'No dañar las infraestructuras críticas',
    ru: 'Не наносить ущерб критической инфраструктуре',
    ar: 'عدم الإضرار بالبنية التحتية الحيوية',
    zh: '不损害关键基础设施',
  },
  g: {
    fr: 'Protéger les infrastructures critiques',
    es: 'Proteger las infraestructuras críticas',
    ru: 'Защищать критическую инфраструктуру',
    ar: 'حماية البنية التحتية الحيوية',
    zh: '保护关键基础设施',
  },
  h: {
    fr: 'Répondre aux demandes d’assistance',
    es: 'Responder a las solicitudes de asistencia',
    ru: 'Отвечать на просьбы о помощи',
    ar: 'الاستجابة لطلبات المساعدة',
    zh: '回应援助请求',
  },
  i: {
    fr: 'Garantir la sécurité de la chaîne d’approvisionnement',
    es: 'Garantizar la seguridad de la cadena de suministro',
    ru: 'Обеспечивать безопасность цепочки поставок',
    ar: 'ضمان أمن سلسلة الإمداد',
    zh: '确保供应链安全',
  },
  j: {
    fr: 'Signaler les vulnérabilités des TIC',
    es: 'Notificar las vulnerabilidades de las TIC',
    ru: 'Сообщать об уязвимостях ИКТ',
    ar: 'الإبلاغ عن الثغرات في تكنولوجيا المعلومات والاتصالات',
    zh: '报告信通技术漏洞',
  },
  k: {
    fr: 'Ne pas nuire aux équipes d’intervention',
    es: 'No dañar a los equipos de respuesta',
    ru: 'Не наносить вреда группам реагирования',
    ar: 'عدم الإضرار بفرق الاستجابة',
    zh: '不损害应急响应小组',
  },
};

const pillarTitles: Record<string, TranslationSeed['values']> = {
  'international-law': {
    fr: 'Droit international',
    es: 'Derecho internacional',
    ru: 'Международное право',
    ar: 'القانون الدولي',
    zh: '国际法',
  },
  norms: {
    fr: 'Normes de comportement responsable des États',
    es: 'Normas de comportamiento responsable de los Estados',
    ru: 'Нормы ответственного поведения государств',
    ar: 'قواعد السلوك المسؤول للدول',
    zh: '负责任国家行为规范',
  },
  cbms: {
    fr: 'Mesures de confiance',
    es: 'Medidas de fomento de la confianza',
    ru: 'Меры укрепления доверия',
    ar: 'تدابير بناء الثقة',
    zh: '建立信任措施',
  },
  'capacity-building': {
    fr: 'Renforcement des capacités',
    es: 'Creación de capacidad',
    ru: 'Наращивание потенциала',
    ar: 'بناء القدرات',
    zh: '能力建设',
  },
};

export const translations: TranslationSeed[] = [
  ...Object.entries(normTitles).map(([id, values]) => ({ entity: 'norm', id, field: 'title', values })),
  ...Object.entries(pillarTitles).map(([id, values]) => ({ entity: 'pillar', id, field: 'title', values })),
];
