// The shipped incident record in the five other UN languages (decision 77): every text of the three shipped
// incidents (incidents.seed.ts), in the same order, translated for this platform (never an official text) in
// the terms of docs/terminology/<lang>.md, States named as the UN names them (src/content/un-names.ts, the
// registry's names). Claims and statements are summaries of their sources, translated; the sources are
// authoritative. Seeded with the record, and topped up on start for an incident that has no row in a language
// (incidents.seed.ts, topUpIncidentTranslations); incidents.translations.test.ts fails when a text lacks one.

import type { ShippedTranslation } from './incidents.translations.seed.ts';
import type { TranslatedLocale } from './incidents.translations.ts';

export const SHIPPED_TRANSLATIONS: Record<TranslatedLocale, ShippedTranslation[]> = {
  fr: [
    {
      title: 'Rançongiciel WannaCry',
      summary:
        'Rançongiciel à propagation autonome qui a chiffré des centaines de milliers d’ordinateurs dans plus de 150 pays en mai 2017 ; le paiement de la rançon ne permettait pas de les débloquer.',
      effects:
        'Des ordinateurs du National Health Service (service national de santé) du Royaume-Uni de Grande-Bretagne et d’Irlande du Nord ont été mis hors service ; des rendez-vous et des interventions chirurgicales ont été annulés.',
      sources: [
        'Les États-Unis d’Amérique attribuent WannaCry 2.0 à la République populaire démocratique de Corée (ODNI, CTIIC)',
      ],
      claims: [
        {
          summary:
            'Point de presse de la Maison-Blanche : les États-Unis d’Amérique attribuent publiquement WannaCry à la République populaire démocratique de Corée.',
          sourceTitle: 'ODNI : les États-Unis d’Amérique attribuent WannaCry 2.0 à la République populaire démocratique de Corée',
          responses: [
            'La République populaire démocratique de Corée a rejeté l’accusation comme dénuée de fondement (selon des comptes rendus ; sa propre déclaration n’a pas été vérifiée ici).',
          ],
        },
        {
          summary:
            'Le Royaume-Uni de Grande-Bretagne et d’Irlande du Nord a attribué WannaCry à des acteurs de la République populaire démocratique de Corée connus sous le nom de Lazarus Group.',
          sourceTitle:
            'Un ministre du Foreign Office condamne un acteur de la République populaire démocratique de Corée pour les attaques WannaCry',
        },
        {
          summary:
            'Le Département de la justice des États-Unis d’Amérique a inculpé un programmeur de la République populaire démocratique de Corée pour WannaCry et d’autres opérations.',
          sourceTitle: 'Communiqué de presse du Département de la justice des États-Unis d’Amérique',
        },
      ],
      norms: [
        'Il a mis hors service des ordinateurs hospitaliers d’un service national de santé, infrastructure critique au service du public.',
      ],
    },
    {
      title: 'NotPetya',
      summary:
        'Logiciel malveillant destructeur déguisé en rançongiciel, propagé en juin 2017 par la mise à jour d’un logiciel de comptabilité ukrainien ; les données n’ont pas pu être récupérées.',
      effects:
        'Des systèmes financiers, énergétiques et gouvernementaux ukrainiens ont été perturbés ; il s’est propagé à des entreprises dans toute l’Europe et au-delà, causant des centaines de millions de pertes.',
      sources: [
        'Le Royaume-Uni et les États-Unis d’Amérique imputent le rançongiciel NotPetya à la Fédération de Russie (Digital Watch)',
      ],
      claims: [
        {
          summary:
            'Lord Ahmad, ministre du Foreign Office : « le Gouvernement russe, plus précisément l’armée russe, était responsable ».',
          sourceTitle:
            'Déclaration du Foreign Office du Royaume-Uni (lien non vérifié ici ; la déclaration est rapportée par Digital Watch)',
        },
        {
          summary: 'Attachée de presse de la Maison-Blanche : une partie de l’effort du Kremlin pour déstabiliser l’Ukraine.',
          sourceTitle: 'Digital Watch : le Royaume-Uni et les États-Unis d’Amérique imputent NotPetya à la Fédération de Russie',
          responses: ['Le porte-parole du Kremlin a qualifié les accusations de dénuées de fondement.'],
        },
      ],
      norms: ['Ses cibles principales étaient les systèmes financiers, énergétiques et gouvernementaux de l’Ukraine.'],
    },
    {
      title: 'Compromission de Microsoft Exchange Server',
      summary:
        'Des vulnérabilités jusque-là inconnues de Microsoft Exchange Server ont été exploitées pour compromettre des dizaines de milliers de serveurs de messagerie dans le monde, pour la plupart d’entreprises privées.',
      effects:
        'Des milliers de réseaux compromis ; des coûts de remise en état importants pour des victimes appartenant pour la plupart au secteur privé.',
      sources: ['Nextgov : l’administration Biden et ses alliés attribuent le piratage de Microsoft Exchange à la Chine'],
      claims: [
        {
          summary:
            'Microsoft a attribué l’exploitation à un groupe qu’elle nomme HAFNIUM, parrainé par un État et opérant depuis la Chine.',
          sourceTitle: 'Microsoft : nouvelles cyberattaques menées par des États',
        },
        {
          summary:
            'Les États-Unis d’Amérique, avec des alliés et des partenaires (ainsi que l’Union européenne et l’OTAN), l’ont attribuée avec un degré de confiance élevé à des acteurs liés au Ministère de la sécurité de l’État de la Chine.',
          sourceTitle: 'Compte rendu de Nextgov sur l’attribution conjointe',
          responses: [
            'Le Ministère des affaires étrangères de la Chine a rejeté les accusations et demandé qu’elles soient retirées (la date est celle du point de presse du ministère, non vérifiée ici).',
          ],
        },
      ],
      norms: [
        'Les États auteurs de l’attribution affirment que les services d’un État ont fait appel à des pirates sous contrat opérant depuis son territoire.',
      ],
    },
  ],
  es: [
    {
      title: 'Programa de secuestro WannaCry',
      summary:
        'Programa de secuestro de propagación autónoma que cifró cientos de miles de computadoras en más de 150 países en mayo de 2017; el pago del rescate no permitía desbloquearlas.',
      effects:
        'Quedaron inutilizadas computadoras del National Health Service (servicio nacional de salud) del Reino Unido de Gran Bretaña e Irlanda del Norte; se cancelaron citas y operaciones.',
      sources: ['Los Estados Unidos de América atribuyen WannaCry 2.0 a la República Popular Democrática de Corea (ODNI, CTIIC)'],
      claims: [
        {
          summary:
            'Rueda de prensa de la Casa Blanca: los Estados Unidos de América atribuyen públicamente WannaCry a la República Popular Democrática de Corea.',
          sourceTitle: 'ODNI: los Estados Unidos de América atribuyen WannaCry 2.0 a la República Popular Democrática de Corea',
          responses: [
            'La República Popular Democrática de Corea rechazó la acusación por infundada (según informaciones; su propia declaración no se ha verificado aquí).',
          ],
        },
        {
          summary:
            'El Reino Unido de Gran Bretaña e Irlanda del Norte atribuyó WannaCry a agentes de la República Popular Democrática de Corea conocidos como Lazarus Group.',
          sourceTitle:
            'Un ministro del Foreign Office condena a un agente de la República Popular Democrática de Corea por los ataques WannaCry',
        },
        {
          summary:
            'El Departamento de Justicia de los Estados Unidos de América acusó a un programador de la República Popular Democrática de Corea por WannaCry y otras operaciones.',
          sourceTitle: 'Comunicado de prensa del Departamento de Justicia de los Estados Unidos de América',
        },
      ],
      norms: [
        'Inutilizó computadoras hospitalarias de un servicio nacional de salud, infraestructura crítica que presta servicios al público.',
      ],
    },
    {
      title: 'NotPetya',
      summary:
        'Programa maligno destructivo disfrazado de programa de secuestro, propagado en junio de 2017 a través de la actualización de un programa de contabilidad ucraniano; los datos no pudieron recuperarse.',
      effects:
        'Se perturbaron sistemas financieros, energéticos y gubernamentales ucranianos; se propagó a empresas de toda Europa y de otras regiones, con pérdidas de cientos de millones.',
      sources: [
        'El Reino Unido y los Estados Unidos de América culpan a la Federación de Rusia del programa de secuestro NotPetya (Digital Watch)',
      ],
      claims: [
        {
          summary:
            'Lord Ahmad, ministro del Foreign Office: “el Gobierno ruso, concretamente el ejército ruso, fue el responsable”.',
          sourceTitle:
            'Declaración del Foreign Office del Reino Unido (enlace no verificado aquí; la declaración la recoge Digital Watch)',
        },
        {
          summary: 'Secretaria de prensa de la Casa Blanca: parte del esfuerzo del Kremlin por desestabilizar Ucrania.',
          sourceTitle:
            'Digital Watch: el Reino Unido y los Estados Unidos de América culpan a la Federación de Rusia de NotPetya',
          responses: ['El portavoz del Kremlin calificó las acusaciones de infundadas.'],
        },
      ],
      norms: ['Sus principales objetivos fueron los sistemas financieros, energéticos y gubernamentales de Ucrania.'],
    },
    {
      title: 'Vulneración de Microsoft Exchange Server',
      summary:
        'Se aprovecharon vulnerabilidades hasta entonces desconocidas de Microsoft Exchange Server para vulnerar decenas de miles de servidores de correo electrónico en todo el mundo, en su mayoría de empresas privadas.',
      effects:
        'Miles de redes vulneradas; costos de reparación considerables para víctimas que pertenecen en su mayoría al sector privado.',
      sources: ['Nextgov: la Administración Biden y sus aliados atribuyen a China el pirateo de Microsoft Exchange'],
      claims: [
        {
          summary:
            'Microsoft atribuyó la explotación a un grupo al que denomina HAFNIUM, patrocinado por un Estado y que opera desde China.',
          sourceTitle: 'Microsoft: nuevos ciberataques de Estados nación',
        },
        {
          summary:
            'Los Estados Unidos de América, con aliados y asociados (también la Unión Europea y la OTAN), la atribuyeron con un alto grado de confianza a agentes vinculados al Ministerio de Seguridad del Estado de China.',
          sourceTitle: 'Información de Nextgov sobre la atribución conjunta',
          responses: [
            'El Ministerio de Relaciones Exteriores de China rechazó las acusaciones y pidió que se retiraran (la fecha es la de la rueda de prensa del ministerio, no verificada aquí).',
          ],
        },
      ],
      norms: [
        'Los Estados que formularon la atribución afirman que los servicios de un Estado recurrieron a piratas contratados que operaban desde su territorio.',
      ],
    },
  ],
  ru: [
    {
      title: 'Программа-вымогатель WannaCry',
      summary:
        'Самораспространяющаяся программа-вымогатель, которая в мае 2017 года зашифровала сотни тысяч компьютеров более чем в 150 странах; уплата выкупа не позволяла их разблокировать.',
      effects:
        'Были выведены из строя компьютеры Национальной службы здравоохранения Соединенного Королевства Великобритании и Северной Ирландии; приемы у врачей и операции были отменены.',
      sources: [
        'Соединенные Штаты Америки возлагают ответственность за WannaCry 2.0 на Корейскую Народно-Демократическую Республику (ODNI, CTIIC)',
      ],
      claims: [
        {
          summary:
            'Брифинг Белого дома: Соединенные Штаты Америки публично возлагают ответственность за WannaCry на Корейскую Народно-Демократическую Республику.',
          sourceTitle:
            'ODNI: Соединенные Штаты Америки возлагают ответственность за WannaCry 2.0 на Корейскую Народно-Демократическую Республику',
          responses: [
            'Корейская Народно-Демократическая Республика отвергла обвинение как беспочвенное (по сообщениям; ее собственное заявление здесь не проверено).',
          ],
        },
        {
          summary:
            'Соединенное Королевство Великобритании и Северной Ирландии возложило ответственность за WannaCry на субъектов из Корейской Народно-Демократической Республики, известных как Lazarus Group.',
          sourceTitle: 'Министр Форин-офиса осуждает субъекта из Корейской Народно-Демократической Республики за атаки WannaCry',
        },
        {
          summary:
            'Министерство юстиции Соединенных Штатов Америки предъявило обвинение программисту из Корейской Народно-Демократической Республики в связи с WannaCry и другими операциями.',
          sourceTitle: 'Пресс-релиз Министерства юстиции Соединенных Штатов Америки',
        },
      ],
      norms: [
        'Она вывела из строя больничные компьютеры национальной службы здравоохранения — критически важной инфраструктуры, обслуживающей население.',
      ],
    },
    {
      title: 'NotPetya',
      summary:
        'Разрушительная вредоносная программа, замаскированная под программу-вымогатель и распространившаяся в июне 2017 года через обновление украинской бухгалтерской программы; данные восстановить не удалось.',
      effects:
        'Были нарушены финансовые, энергетические и государственные системы Украины; программа распространилась на компании по всей Европе и за ее пределами, причинив ущерб в сотни миллионов.',
      sources: [
        'Соединенное Королевство и Соединенные Штаты Америки обвиняют Российскую Федерацию в атаке программы-вымогателя NotPetya (Digital Watch)',
      ],
      claims: [
        {
          summary:
            'Министр Форин-офиса лорд Ахмад: «ответственность несет российское правительство, а именно российские вооруженные силы».',
          sourceTitle:
            'Заявление Форин-офиса Соединенного Королевства (ссылка здесь не проверена; заявление приводит Digital Watch)',
        },
        {
          summary: 'Пресс-секретарь Белого дома: это часть усилий Кремля по дестабилизации Украины.',
          sourceTitle:
            'Digital Watch: Соединенное Королевство и Соединенные Штаты Америки обвиняют Российскую Федерацию в NotPetya',
          responses: ['Пресс-секретарь Кремля назвал обвинения беспочвенными.'],
        },
      ],
      norms: ['Ее основными целями были финансовые, энергетические и государственные системы Украины.'],
    },
    {
      title: 'Компрометация Microsoft Exchange Server',
      summary:
        'Ранее неизвестные уязвимости Microsoft Exchange Server были использованы для компрометации десятков тысяч почтовых серверов по всему миру, главным образом частных компаний.',
      effects:
        'Скомпрометированы тысячи сетей; значительные расходы на устранение последствий для пострадавших, главным образом из частного сектора.',
      sources: ['Nextgov: администрация Байдена и союзники возлагают ответственность за взлом Microsoft Exchange на Китай'],
      claims: [
        {
          summary:
            'Microsoft возложила ответственность за эксплуатацию уязвимостей на группу, которую она называет HAFNIUM, спонсируемую государством и действующую из Китая.',
          sourceTitle: 'Microsoft: новые кибератаки со стороны государств',
        },
        {
          summary:
            'Соединенные Штаты Америки вместе с союзниками и партнерами (а также Европейским союзом и НАТО) с высокой степенью уверенности возложили ответственность на субъектов, связанных с Министерством государственной безопасности Китая.',
          sourceTitle: 'Сообщение Nextgov о совместной атрибуции',
          responses: [
            'Министерство иностранных дел Китая отвергло обвинения и потребовало их отозвать (дата — дата брифинга министерства, здесь не проверена).',
          ],
        },
      ],
      norms: [
        'Государства, осуществившие атрибуцию, утверждают, что службы одного государства использовали нанятых хакеров, действовавших с его территории.',
      ],
    },
  ],
  ar: [
    {
      title: 'برمجية الفدية WannaCry',
      summary:
        'برمجية فدية ذاتية الانتشار شفّرت مئات الآلاف من الحواسيب في أكثر من 150 بلدًا في أيار/مايو 2017؛ ولم يكن دفع الفدية يتيح فك تشفيرها.',
      effects:
        'تعطلت حواسيب دائرة الصحة الوطنية في المملكة المتحدة لبريطانيا العظمى وأيرلندا الشمالية؛ وأُلغيت مواعيد وعمليات جراحية.',
      sources: ['الولايات المتحدة الأمريكية تسند WannaCry 2.0 إلى جمهورية كوريا الشعبية الديمقراطية (ODNI، CTIIC)'],
      claims: [
        {
          summary:
            'إحاطة صحفية للبيت الأبيض: الولايات المتحدة الأمريكية تسند WannaCry علنًا إلى جمهورية كوريا الشعبية الديمقراطية.',
          sourceTitle: 'ODNI: الولايات المتحدة الأمريكية تسند WannaCry 2.0 إلى جمهورية كوريا الشعبية الديمقراطية',
          responses: [
            'رفضت جمهورية كوريا الشعبية الديمقراطية الاتهام ووصفته بأنه لا أساس له (حسب ما أُفيد؛ ولم يُتحقق هنا من بيانها نفسه).',
          ],
        },
        {
          summary:
            'أسندت المملكة المتحدة لبريطانيا العظمى وأيرلندا الشمالية WannaCry إلى جهات فاعلة من جمهورية كوريا الشعبية الديمقراطية تُعرف باسم Lazarus Group.',
          sourceTitle:
            'وزير في وزارة الخارجية البريطانية يدين جهة فاعلة من جمهورية كوريا الشعبية الديمقراطية بسبب هجمات WannaCry',
        },
        {
          summary:
            'وجّهت وزارة العدل في الولايات المتحدة الأمريكية اتهامات إلى مبرمج من جمهورية كوريا الشعبية الديمقراطية بشأن WannaCry وعمليات أخرى.',
          sourceTitle: 'بيان صحفي لوزارة العدل في الولايات المتحدة الأمريكية',
        },
      ],
      norms: ['عطّلت حواسيب مستشفيات تابعة لدائرة صحة وطنية، وهي من الهياكل الأساسية الحيوية التي تخدم الجمهور.'],
    },
    {
      title: 'NotPetya',
      summary:
        'برمجية خبيثة مدمّرة متنكرة في شكل برمجية فدية، انتشرت في حزيران/يونيه 2017 عبر تحديث لبرنامج محاسبة أوكراني؛ ولم يتسن استرداد البيانات.',
      effects:
        'تعطلت نظم مالية ونظم للطاقة ونظم حكومية في أوكرانيا؛ وانتشرت إلى شركات في جميع أنحاء أوروبا وخارجها، مكبّدة خسائر بمئات الملايين.',
      sources: [
        'المملكة المتحدة والولايات المتحدة الأمريكية تحمّلان الاتحاد الروسي المسؤولية عن برمجية الفدية NotPetya (Digital Watch)',
      ],
      claims: [
        {
          summary: 'اللورد أحمد، الوزير في وزارة الخارجية البريطانية: «كانت الحكومة الروسية، وتحديدًا الجيش الروسي، هي المسؤولة».',
          sourceTitle: 'بيان وزارة الخارجية في المملكة المتحدة (لم يُتحقق هنا من الرابط؛ وقد نقل البيانَ موقع Digital Watch)',
        },
        {
          summary: 'السكرتيرة الصحفية للبيت الأبيض: جزء من جهود الكرملين لزعزعة استقرار أوكرانيا.',
          sourceTitle: 'Digital Watch: المملكة المتحدة والولايات المتحدة الأمريكية تحمّلان الاتحاد الروسي المسؤولية عن NotPetya',
          responses: ['وصف المتحدث باسم الكرملين الاتهامات بأنها لا أساس لها.'],
        },
      ],
      norms: ['كانت أهدافها الرئيسية النظم المالية ونظم الطاقة والنظم الحكومية في أوكرانيا.'],
    },
    {
      title: 'اختراق Microsoft Exchange Server',
      summary:
        'استُغلت ثغرات لم تكن معروفة من قبل في Microsoft Exchange Server لاختراق عشرات الآلاف من خواديم البريد الإلكتروني في جميع أنحاء العالم، معظمها تابع لشركات خاصة.',
      effects: 'اختُرقت آلاف الشبكات؛ وتكبّد الضحايا، ومعظمهم من القطاع الخاص، تكاليف معالجة كبيرة.',
      sources: ['Nextgov: إدارة بايدن وحلفاؤها يسندون اختراق Microsoft Exchange إلى الصين'],
      claims: [
        {
          summary: 'أسندت Microsoft الاستغلال إلى مجموعة تسميها HAFNIUM، ترعاها دولة وتعمل انطلاقًا من الصين.',
          sourceTitle: 'Microsoft: هجمات سيبرانية جديدة من جانب دول',
        },
        {
          summary:
            'أسندته الولايات المتحدة الأمريكية، مع حلفاء وشركاء (ومعهم الاتحاد الأوروبي ومنظمة حلف شمال الأطلسي)، بدرجة عالية من الثقة إلى جهات فاعلة مرتبطة بوزارة أمن الدولة في الصين.',
          sourceTitle: 'تقرير Nextgov عن الإسناد المشترك',
          responses: [
            'رفضت وزارة خارجية الصين الاتهامات وطلبت سحبها (التاريخ هو تاريخ الإحاطة الصحفية للوزارة، ولم يُتحقق منه هنا).',
          ],
        },
      ],
      norms: ['تقول الدول التي أجرت الإسناد إن أجهزة دولة ما استعانت بقراصنة متعاقدين يعملون انطلاقًا من إقليمها.'],
    },
  ],
  zh: [
    {
      title: 'WannaCry勒索软件',
      summary: '一种自我传播的勒索软件，于2017年5月在150多个国家加密了数十万台计算机；支付赎金也无法解锁。',
      effects: '大不列颠及北爱尔兰联合王国国家医疗服务体系的计算机瘫痪；预约门诊和手术被取消。',
      sources: ['美利坚合众国将WannaCry 2.0归因于朝鲜民主主义人民共和国（ODNI、CTIIC）'],
      claims: [
        {
          summary: '白宫新闻发布会：美利坚合众国公开将WannaCry归因于朝鲜民主主义人民共和国。',
          sourceTitle: 'ODNI：美利坚合众国将WannaCry 2.0归因于朝鲜民主主义人民共和国',
          responses: ['朝鲜民主主义人民共和国以毫无根据为由拒绝了这一指控（据报道；其本身的声明未在此核实）。'],
        },
        {
          summary: '大不列颠及北爱尔兰联合王国将WannaCry归因于被称为Lazarus Group的朝鲜民主主义人民共和国行为体。',
          sourceTitle: '英国外交部一名大臣就WannaCry攻击谴责朝鲜民主主义人民共和国行为体',
        },
        {
          summary: '美利坚合众国司法部就WannaCry及其他行动起诉了一名朝鲜民主主义人民共和国程序员。',
          sourceTitle: '美利坚合众国司法部新闻稿',
        },
      ],
      norms: ['它使一个国家医疗服务体系的医院计算机瘫痪，而该体系是为公众服务的关键基础设施。'],
    },
    {
      title: 'NotPetya',
      summary: '一种伪装成勒索软件的破坏性恶意软件，于2017年6月通过一款乌克兰会计软件的更新传播；数据无法恢复。',
      effects: '乌克兰的金融、能源和政府系统遭到破坏；它还蔓延到欧洲各地及其他地区的公司，造成数亿损失。',
      sources: ['联合王国和美利坚合众国将NotPetya勒索软件归咎于俄罗斯联邦（Digital Watch）'],
      claims: [
        {
          summary: '英国外交部大臣艾哈迈德勋爵：“俄罗斯政府，具体而言是俄罗斯军方，对此负有责任”。',
          sourceTitle: '联合王国外交部声明（链接未在此核实；该声明由Digital Watch报道）',
        },
        {
          summary: '白宫新闻秘书：这是克里姆林宫破坏乌克兰稳定的努力的一部分。',
          sourceTitle: 'Digital Watch：联合王国和美利坚合众国将NotPetya归咎于俄罗斯联邦',
          responses: ['克里姆林宫发言人称这些指控毫无根据。'],
        },
      ],
      norms: ['其主要目标是乌克兰的金融、能源和政府系统。'],
    },
    {
      title: 'Microsoft Exchange Server遭入侵事件',
      summary: 'Microsoft Exchange Server此前未知的漏洞被利用，全球数以万计的电子邮件服务器遭到入侵，其中大多属于私营公司。',
      effects: '数千个网络遭到入侵；受害者大多来自私营部门，承担了高昂的补救费用。',
      sources: ['Nextgov：拜登政府及其盟国将Microsoft Exchange遭黑客攻击一事归因于中国'],
      claims: [
        {
          summary: 'Microsoft将漏洞利用归因于一个其称为HAFNIUM的团体，该团体受国家支持，从中国境内活动。',
          sourceTitle: 'Microsoft：新的民族国家网络攻击',
        },
        {
          summary:
            '美利坚合众国与盟国和伙伴（还有欧洲联盟和北大西洋公约组织）以高度确信将其归因于与中国国家安全部有关联的行为体。',
          sourceTitle: 'Nextgov关于联合归因的报道',
          responses: ['中国外交部拒绝了这些指控，并要求予以撤回（日期为该部新闻发布会的日期，未在此核实）。'],
        },
      ],
      norms: ['作出归因的国家称，一国的机构利用了在其领土上活动的合同制黑客。'],
    },
  ],
};
