/**
 * Demo content for Undersigned: prisoner profiles, case timelines and demo campaigns.
 *
 * Every fact here comes from the source articles in /work/shared/sources/ (see the README
 * there); the wording is our own. Where a source gives only a month or a year, the text says
 * so and `on` uses the first day of that month (or year). Nothing here is meant to be
 * presented as an authoritative record: it is demo material for a solidarity platform.
 */
import type { DemoCampaign, DemoPrisoner, DemoSignerGroup } from "./types";

/** Join Markdown paragraphs (or short lists) with blank lines. */
const md = (...paragraphs: string[]): string => paragraphs.join("\n\n");

// ---------------------------------------------------------------------------
// Signer groups (labels in all six locales)
// ---------------------------------------------------------------------------

const GROUPS = {
  mathematicians: {
    key: "mathematicians",
    labels: {
      en: "Mathematicians",
      ru: "Математики",
      fr: "Mathématiciens",
      de: "Mathematiker",
      es: "Matemáticos",
      uk: "Математики",
    },
  },
  scientists: {
    key: "scientists",
    labels: {
      en: "Scientists and academics",
      ru: "Учёные и преподаватели",
      fr: "Scientifiques et universitaires",
      de: "Wissenschaftler und Akademiker",
      es: "Científicos y académicos",
      uk: "Науковці та викладачі",
    },
  },
  journalists: {
    key: "journalists",
    labels: {
      en: "Journalists",
      ru: "Журналисты",
      fr: "Journalistes",
      de: "Journalisten",
      es: "Periodistas",
      uk: "Журналісти",
    },
  },
  trade_unionists: {
    key: "trade_unionists",
    labels: {
      en: "Trade unionists",
      ru: "Профсоюзные активисты",
      fr: "Syndicalistes",
      de: "Gewerkschafter",
      es: "Sindicalistas",
      uk: "Профспілкові активісти",
    },
  },
  healthcare_workers: {
    key: "healthcare_workers",
    labels: {
      en: "Healthcare workers",
      ru: "Медицинские работники",
      fr: "Personnels de santé",
      de: "Beschäftigte im Gesundheitswesen",
      es: "Trabajadores de la salud",
      uk: "Медичні працівники",
    },
  },
  students: {
    key: "students",
    labels: {
      en: "Students",
      ru: "Студенты",
      fr: "Étudiants",
      de: "Studierende",
      es: "Estudiantes",
      uk: "Студенти",
    },
  },
  writers: {
    key: "writers",
    labels: {
      en: "Writers and translators",
      ru: "Писатели и переводчики",
      fr: "Écrivains et traducteurs",
      de: "Schriftsteller und Übersetzer",
      es: "Escritores y traductores",
      uk: "Письменники та перекладачі",
    },
  },
  other: {
    key: "other",
    labels: {
      en: "Other supporters",
      ru: "Другие сторонники",
      fr: "Autres soutiens",
      de: "Weitere Unterstützer",
      es: "Otros apoyos",
      uk: "Інші прихильники",
    },
  },
} satisfies Record<string, DemoSignerGroup>;

/** A fresh copy, so that no two campaigns share the same group object. */
const group = (g: DemoSignerGroup): DemoSignerGroup => ({ key: g.key, labels: { ...g.labels } });

// ---------------------------------------------------------------------------
// Prisoners
// ---------------------------------------------------------------------------

const azatMiftakhov: DemoPrisoner = {
  slug: "azat-miftakhov",
  status: "detained",
  bornOn: "1993-01-01", // only the year is known (source 003)
  detainedOn: "2019-02-01", // in custody without a break since then (sources 001, 003)
  translations: {
    en: {
      status: "original",
      name: "Azat Miftakhov",
      summary:
        "Moscow State University mathematician and anarchist, imprisoned since February 2019 and rearrested on a new charge on the very day his sentence ended in September 2023.",
      bio: md(
        "Azat Miftakhov was born in 1993 in Nizhnekamsk, Tatarstan (our sources give only the year), and is of Tatar origin. A winner of the All-Russian Mathematical Olympiad, he graduated with honours from the Faculty of Mechanics and Mathematics of Moscow State University and started doctoral research there in 2015. He was close to defending his thesis when he was arrested, and he kept working in prison: by January 2021 he had written two papers, one of them already published.",
        "He is an anarchist who joined opposition rallies, handed out leaflets and took part in campaigns against unscrupulous employers and against property dealers evicting tenants. Detained in February 2019 together with eleven other people, he says he was tortured. The first accusation, about explosives, fell apart; he was then charged with standing watch while others broke a window of a United Russia office in Moscow in January 2018. On the word of an anonymous witness he was sentenced to six years. The Memorial Human Rights Centre recognised him as a political prisoner.",
        "He should have walked free on 4 September 2023. Instead he was detained again at the gate of Penal Colony No. 17 in the Kirov region and charged with “justifying terrorism” over remarks he allegedly made in prison, which he denies. His supporters fear that the security services also want to make him a figurehead of the fabricated “Network” case.",
        "Mathematicians around the world have taken up his cause. Thousands have signed letters for his release, and the London Mathematical Society, the International Mathematical Union and Human Rights Watch have condemned his prosecution. In the months before his planned release, an open letter published by the French outlet Mediapart gathered hundreds of mathematicians, scientists, journalists and trade unionists from France, the United States and Russia. His wife, Elena Gorban, says that letters from supporters mean a great deal to him.",
      ),
      facility: "Penal Colony No. 17, Kirov region (until 4 September 2023)",
    },
    fr: {
      status: "reviewed",
      name: "Azat Miftakhov",
      summary:
        "Mathématicien de l'université d'État de Moscou et anarchiste, emprisonné depuis février 2019 et arrêté de nouveau le jour même où sa peine prenait fin, en septembre 2023.",
      bio: md(
        "Azat Miftakhov est né en 1993 à Nijnekamsk, au Tatarstan (nos sources ne donnent que l'année) ; il est d'origine tatare. Lauréat de l'Olympiade mathématique de Russie, il est diplômé avec mention de la faculté de mécanique et de mathématiques de l'université d'État de Moscou, où il a commencé un doctorat en 2015. Il s'apprêtait à soutenir sa thèse lors de son arrestation, et il a continué à travailler en détention : en janvier 2021, il avait déjà écrit deux articles, dont l'un était publié.",
        "Anarchiste, il participait aux manifestations de l'opposition, distribuait des tracts et s'engageait contre des employeurs sans scrupules et des agents immobiliers qui expulsaient des locataires. Interpellé en février 2019 avec onze autres personnes, il affirme avoir été torturé. La première accusation, liée à des explosifs, s'est effondrée ; on l'a alors accusé d'avoir fait le guet pendant que d'autres brisaient une vitre d'un local de Russie unie à Moscou, en janvier 2018. Sur la foi d'un témoin anonyme, il a été condamné à six ans. Le Centre des droits humains Memorial l'a reconnu comme prisonnier politique.",
        "Il devait être libéré le 4 septembre 2023. Il a pourtant été arrêté de nouveau devant la colonie pénitentiaire n° 17, dans la région de Kirov, et poursuivi pour « apologie du terrorisme » en raison de propos qu'il aurait tenus en détention, ce qu'il conteste. Ses soutiens craignent que les services de sécurité ne veuillent aussi faire de lui la figure centrale de l'affaire fabriquée du « Réseau ».",
        "Des mathématiciens du monde entier se sont mobilisés. Des milliers d'entre eux ont signé des lettres pour sa libération, et la London Mathematical Society, l'Union mathématique internationale et Human Rights Watch ont condamné les poursuites. Dans les mois précédant sa libération prévue, une lettre ouverte publiée par Mediapart a réuni des centaines de mathématiciens, de scientifiques, de journalistes et de syndicalistes de France, des États-Unis et de Russie. Sa femme, Elena Gorban, souligne combien les lettres de soutien comptent pour lui.",
      ),
      facility: "Colonie pénitentiaire n° 17, région de Kirov (jusqu'au 4 septembre 2023)",
    },
    ru: {
      status: "reviewed",
      name: "Азат Мифтахов",
      summary:
        "Математик из МГУ и анархист; находится за решёткой с февраля 2019 года, а в сентябре 2023 года, в день окончания срока, его задержали по новому делу.",
      bio: md(
        "Азат Мифтахов родился в 1993 году в Нижнекамске, в Татарстане (в наших источниках указан только год); по происхождению татарин. Победитель Всероссийской олимпиады по математике, он с отличием окончил механико-математический факультет МГУ и в 2015 году поступил там в аспирантуру. К моменту ареста он готовился к защите диссертации — и не бросил науку в заключении: к январю 2021 года он написал две статьи, одна из которых уже опубликована.",
        "Азат — анархист: он ходил на оппозиционные акции, раздавал листовки, участвовал в кампаниях против недобросовестных работодателей и риелторов, выселявших жильцов. В феврале 2019 года его задержали вместе с ещё одиннадцатью людьми; он рассказывает, что его пытали. Первое обвинение, связанное со взрывчаткой, развалилось, и тогда ему вменили, что он якобы следил за обстановкой, пока другие разбивали окно в офисе «Единой России» в Москве в январе 2018 года. На основании показаний засекреченного свидетеля его приговорили к шести годам. Правозащитный центр «Мемориал» признал его политзаключённым.",
        "На свободу он должен был выйти 4 сентября 2023 года, но прямо у ворот ИК-17 в Кировской области его снова задержали. Новое обвинение — «оправдание терроризма» из-за слов, которые он якобы произнёс в колонии; сам Азат это отрицает. Сторонники опасаются, что силовики хотят сделать его и «лидером» московской ячейки в сфабрикованном деле «Сети».",
        "За Азата вступились математики всего мира. Тысячи из них подписали письма с требованием его освободить, а Лондонское математическое общество, Международный математический союз и Human Rights Watch осудили его преследование. За несколько месяцев до ожидавшегося освобождения французское издание Mediapart опубликовало открытое письмо, которое подписали сотни математиков, учёных, журналистов и профсоюзных активистов из Франции, США и России. Жена Азата, Елена Горбань, говорит, что письма поддержки очень для него важны.",
      ),
      facility: "ИК-17, Кировская область (до 4 сентября 2023 года)",
    },
    de: {
      status: "machine",
      name: "Asat Miftachow",
      summary:
        "Mathematiker der Moskauer Staatlichen Universität und Anarchist, seit Februar 2019 in Haft und im September 2023 am Tag seiner Entlassung erneut festgenommen.",
      bio: md(
        "Asat Miftachow wurde 1993 in Nischnekamsk (Tatarstan) geboren; unsere Quellen nennen nur das Jahr. Der Gewinner der Allrussischen Mathematikolympiade schloss sein Studium an der Fakultät für Mechanik und Mathematik der Moskauer Staatlichen Universität mit Auszeichnung ab und stand bei seiner Verhaftung kurz vor der Verteidigung seiner Doktorarbeit.",
        "Als Anarchist beteiligte er sich an Protesten und an Kampagnen gegen skrupellose Arbeitgeber. Nach seiner Festnahme im Februar 2019 berichtete er von Folter. Allein auf Grundlage der Aussage eines anonymen Zeugen wurde er im Januar 2021 wegen einer eingeschlagenen Fensterscheibe in einem Büro der Partei Einiges Russland zu sechs Jahren Haft verurteilt; Memorial erkannte ihn als politischen Gefangenen an.",
        "Am 4. September 2023, dem Tag seiner Entlassung aus der Strafkolonie Nr. 17 im Gebiet Kirow, wurde er sofort wieder festgenommen und der „Rechtfertigung von Terrorismus“ beschuldigt, was er bestreitet. Tausende Mathematikerinnen und Mathematiker weltweit fordern seine Freilassung.",
      ),
      facility: "Strafkolonie Nr. 17, Gebiet Kirow (bis 4. September 2023)",
    },
    es: {
      status: "machine",
      name: "Azat Miftájov",
      summary:
        "Matemático de la Universidad Estatal de Moscú y anarquista, encarcelado desde febrero de 2019 y detenido de nuevo en septiembre de 2023, el mismo día en que terminaba su condena.",
      bio: md(
        "Azat Miftájov nació en 1993 en Nizhnekamsk (Tartaristán); nuestras fuentes solo indican el año. Ganador de la Olimpiada Matemática de toda Rusia, se graduó con honores en la Facultad de Mecánica y Matemáticas de la Universidad Estatal de Moscú y estaba a punto de defender su tesis doctoral cuando fue detenido.",
        "Anarquista, participaba en protestas y en campañas contra empleadores sin escrúpulos. Tras su detención en febrero de 2019 denunció haber sido torturado. Con el único testimonio de un testigo anónimo, en enero de 2021 fue condenado a seis años de prisión por la rotura de una ventana en una oficina del partido Rusia Unida; Memorial lo reconoció como preso político.",
        "El 4 de septiembre de 2023, al salir de la colonia penitenciaria n.º 17 de la región de Kírov, fue detenido de nuevo y acusado de «justificación del terrorismo», cargo que niega. Miles de matemáticos de todo el mundo piden su liberación.",
      ),
      facility: "Colonia penitenciaria n.º 17, región de Kírov (hasta el 4 de septiembre de 2023)",
    },
    uk: {
      status: "machine",
      name: "Азат Міфтахов",
      summary:
        "Математик із МДУ й анархіст, ув'язнений із лютого 2019 року; у вересні 2023 року, в день закінчення строку, його знову затримали.",
      bio: md(
        "Азат Міфтахов народився 1993 року в Нижньокамську (Татарстан); наші джерела вказують лише рік. Переможець Всеросійської математичної олімпіади, він з відзнакою закінчив механіко-математичний факультет Московського державного університету і на момент арешту готувався захищати дисертацію.",
        "Анархіст, він брав участь у протестах і кампаніях проти несумлінних роботодавців. Після затримання в лютому 2019 року він розповів про катування. На підставі свідчень анонімного свідка в січні 2021 року його засудили до шести років позбавлення волі за розбите вікно в офісі партії «Єдина Росія»; «Меморіал» визнав його політв'язнем.",
        "4 вересня 2023 року, щойно він вийшов з виправної колонії № 17 у Кіровській області, його знову затримали й звинуватили у «виправданні тероризму», що він заперечує. Тисячі математиків з усього світу вимагають його звільнення.",
      ),
      facility: "Виправна колонія № 17, Кіровська область (до 4 вересня 2023 року)",
    },
  },
  events: [
    {
      on: "2018-01-31", // night of 30–31 January 2018 (sources 000, 003)
      text: {
        en: "During the night of 30 to 31 January 2018, a window of a United Russia party office in north Moscow is smashed and a smoke bomb thrown inside; the office is empty and nobody is hurt. Anarchists present it as a protest against the presidential election. A year later, this incident will be used against Miftakhov.",
        fr: "Dans la nuit du 30 au 31 janvier 2018, une vitre d'un local du parti Russie unie, dans le nord de Moscou, est brisée et un fumigène est lancé à l'intérieur ; le local est vide et personne n'est blessé. Des anarchistes présentent l'action comme une protestation contre l'élection présidentielle. Un an plus tard, cet incident sera retourné contre Miftakhov.",
        ru: "В ночь на 31 января 2018 года в офисе «Единой России» на севере Москвы разбивают окно и бросают внутрь дымовую шашку; в помещении никого нет, никто не пострадал. Анархисты называют эту акцию протестом против президентских выборов. Год спустя этот эпизод используют против Мифтахова.",
      },
    },
    {
      on: "2019-02-01", // sources 000, 001, 003
      text: {
        en: "Miftakhov is one of twelve people detained in Moscow in an FSB operation; he is suspected of making a home-made explosive device. Denied a lawyer for the first day, he later says he was beaten and tortured, and that he cut his wrists to make the abuse stop. All the others are released; he alone stays in custody.",
        fr: "Miftakhov fait partie des douze personnes interpellées à Moscou lors d'une opération du FSB ; il est soupçonné d'avoir fabriqué un engin explosif artisanal. Privé d'avocat le premier jour, il dira avoir été battu et torturé, et s'être tailladé les poignets pour que les sévices cessent. Tous les autres sont relâchés ; lui seul reste en détention.",
        ru: "В ходе операции ФСБ в Москве задерживают двенадцать человек, среди них Мифтахова; его подозревают в изготовлении самодельного взрывного устройства. В первые сутки к нему не допускают адвоката; позже он расскажет, что его избивали и пытали и что он вскрыл себе вены, чтобы это прекратилось. Остальных задержанных отпускают — под стражей остаётся только он.",
      },
    },
    {
      on: "2019-02-07", // sources 001, 003
      text: {
        en: "With no evidence produced on the explosives charge, he is formally released — and immediately arrested again, this time for group hooliganism over the broken United Russia window. He is accused of having stood watch; the only evidence is an anonymous “secret witness” who came forward a year after the event.",
        fr: "Aucune preuve n'ayant été produite sur l'accusation liée aux explosifs, il est formellement libéré — puis aussitôt arrêté de nouveau, cette fois pour « hooliganisme en réunion » à propos de la vitre brisée de Russie unie. On l'accuse d'avoir fait le guet ; la seule preuve est un « témoin secret » apparu un an après les faits.",
        ru: "Доказательств по делу о взрывчатке так и не представлено, и его формально освобождают — чтобы тут же задержать снова, теперь по обвинению в групповом хулиганстве (ч. 2 ст. 213 УК РФ) из-за разбитого окна «Единой России». Его обвиняют в том, что он якобы следил за обстановкой; единственное доказательство — показания «засекреченного свидетеля», объявившегося через год после происшествия.",
      },
    },
    {
      on: "2020-12-01", // December 2020, no day given (source 000); ~3,500 signatures (source 001)
      text: {
        en: "In December 2020, mathematicians from the United States, Canada and Europe take up his cause and urge colleagues to stay away from the International Congress of Mathematicians planned for St Petersburg in 2022. Over the course of the campaign, some 3,500 mathematicians sign a letter demanding his release.",
        fr: "En décembre 2020, des mathématiciens des États-Unis, du Canada et d'Europe prennent sa défense et appellent leurs collègues à ne pas participer au Congrès international des mathématiciens prévu à Saint-Pétersbourg en 2022. Au fil de la campagne, quelque 3 500 mathématiciens signent une lettre exigeant sa libération.",
        ru: "В декабре 2020 года математики из США, Канады и Европы выступают в его защиту и призывают коллег не участвовать в Международном конгрессе математиков, запланированном в Санкт-Петербурге на 2022 год. В ходе кампании письмо с требованием его освободить подписывают около 3500 математиков.",
      },
    },
    {
      on: "2021-01-01", // "by January 2021": the recognition itself is not dated in source 003
      text: {
        en: "By January 2021 (our sources do not give the exact date), the Memorial Human Rights Centre has recognised him as a political prisoner: it sees the case as punishment for his civic activism and considers the use of torture proven. About a thousand academics, many of them from the Russian Academy of Sciences, as well as Noam Chomsky, have endorsed an appeal in his defence.",
        fr: "En janvier 2021 au plus tard (nos sources ne précisent pas la date), le Centre des droits humains Memorial l'a reconnu comme prisonnier politique : il voit dans ces poursuites une sanction de son engagement civique et juge établi le recours à la torture. Un millier d'universitaires, dont beaucoup de l'Académie des sciences de Russie, ainsi que Noam Chomsky, ont soutenu un appel en sa faveur.",
        ru: "Не позднее января 2021 года (точная дата в наших источниках не указана) правозащитный центр «Мемориал» признаёт его политзаключённым: по оценке центра, его преследуют за гражданскую активность, а применение пыток в деле доказано. Обращение в его защиту поддерживают около тысячи учёных, многие из них — из Российской академии наук, а также Ноам Хомский.",
      },
    },
    {
      on: "2021-01-18", // source 003
      text: {
        en: "Moscow's Golovinsky District Court sentences him to six years in a medium-security penal colony, on the strength of the secret witness alone; the judge gives almost exactly what the prosecution asked for. Co-defendants who had confessed receive suspended sentences. Since each day of pre-trial detention counts as one and a half, his release falls due in September 2023.",
        fr: "Le tribunal du district Golovinski, à Moscou, le condamne à six ans de colonie pénitentiaire à régime général sur la seule foi du témoin secret ; le juge suit presque à la lettre les réquisitions du parquet. Des coaccusés qui avaient avoué écopent de peines avec sursis. Chaque jour de détention provisoire comptant pour un jour et demi, sa libération est attendue en septembre 2023.",
        ru: "Головинский районный суд Москвы приговаривает его к шести годам колонии общего режима, опираясь лишь на показания засекреченного свидетеля; судья назначает почти ровно то, что запрашивало обвинение. Подсудимые, признавшие вину, получают условные сроки. Поскольку день в СИЗО засчитывается за полтора, выйти на свободу он должен в сентябре 2023 года.",
      },
    },
    {
      on: "2023-07-12", // source 000
      text: {
        en: "News emerges that he has been put in a punishment cell for refusing to explain a discrepancy between his belongings and the official inventory; a month earlier, keeping deodorant on his bedside table had been logged as a “violation”. He is then sent to solitary confinement for a month for lying down during the day.",
        fr: "On apprend qu'il a été placé en cellule disciplinaire pour avoir refusé de s'expliquer sur un écart entre ses affaires et l'inventaire officiel ; le mois précédent, un déodorant posé sur sa table de chevet lui avait valu une « infraction ». Il est ensuite envoyé un mois à l'isolement pour s'être allongé pendant la journée.",
        ru: "Становится известно, что его поместили в штрафной изолятор за отказ писать объяснительную о расхождении между его вещами и описью; месяцем раньше «нарушением» посчитали дезодорант на тумбочке. Затем за то, что он прилёг днём, его на месяц отправляют в одиночную камеру.",
      },
    },
    {
      on: "2023-08-01", // August 2023, no day given (source 001)
      text: {
        en: "In August 2023, as his release date approaches, he is added to the official list of “extremists and terrorists” and a new criminal case is opened against him.",
        fr: "En août 2023, à l'approche de sa libération, il est inscrit sur la liste officielle des « extrémistes et terroristes » et une nouvelle procédure pénale est ouverte contre lui.",
        ru: "В августе 2023 года, незадолго до освобождения, его вносят в перечень «экстремистов и террористов» и возбуждают против него новое уголовное дело.",
      },
    },
    {
      on: "2023-09-04", // sources 001, 002
      text: {
        en: "His sentence served, he walks out of Penal Colony No. 17 in the Kirov region and is detained again within minutes; his wife, mother and stepfather are given five minutes with him. The new charge is “justifying terrorism”, over remarks he allegedly made in prison about the 2018 suicide bombing at the FSB building in Arkhangelsk. He denies it; he could face up to five more years.",
        fr: "Sa peine purgée, il sort de la colonie pénitentiaire n° 17, dans la région de Kirov, et il est de nouveau arrêté quelques minutes plus tard ; sa femme, sa mère et son beau-père n'ont droit qu'à cinq minutes avec lui. Il est désormais poursuivi pour « apologie du terrorisme », pour des propos qu'il aurait tenus en détention sur l'attentat-suicide commis en 2018 dans le bâtiment du FSB à Arkhangelsk. Il nie les faits et risque jusqu'à cinq ans de prison supplémentaires.",
        ru: "Отбыв срок, он выходит из ИК-17 в Кировской области — и через несколько минут снова оказывается под стражей; жене, матери и отчиму дают побыть с ним всего пять минут. Новое обвинение — «оправдание терроризма» из-за слов о взрыве в здании ФСБ в Архангельске в 2018 году, которые он якобы произнёс в колонии. Азат это отрицает; ему могут дать ещё до пяти лет.",
      },
    },
  ],
};

const borisKagarlitsky: DemoPrisoner = {
  slug: "boris-kagarlitsky",
  status: "detained", // in a pre-trial detention centre as of April 2024 (source 004)
  // No detainedOn: the sources do not date the start of his current detention.
  translations: {
    en: {
      status: "original",
      name: "Boris Kagarlitsky",
      summary:
        "World-renowned Russian sociologist and Marxist theorist, arrested in July 2023 and accused of “justifying terrorism” for speaking out against the war in Ukraine.",
      bio: md(
        "Boris Kagarlitsky is a sociologist and Marxist theorist whose work is known far beyond Russia, and one of the most visible figures of the Russian left.",
        "He was arrested in Moscow on 25 July 2023 and accused of “justifying terrorism” over his public statements against Russia's war in Ukraine — a charge that carries up to seven years in prison. He was first held in a pre-trial detention centre in Syktyvkar, in northern Russia. Around the end of 2023 he spent about two months at liberty, and used them to take up the cause of other political prisoners.",
        "By April 2024 he was behind bars again, in a pre-trial detention centre in Zelenograd, near Moscow. From there he wrote an open letter urging left-wing activists to rally around support for imprisoned comrades, which he presented as a political act and not only a humanitarian one.",
        "The campaign for his release has kept growing. The Solidarity Action Committee, which supports several left-wing prisoners at once, is among those defending him.",
      ),
      facility: "Pre-trial detention centre, Zelenograd (as of April 2024)",
    },
    fr: {
      status: "reviewed",
      name: "Boris Kagarlitsky",
      summary:
        "Sociologue et théoricien marxiste de renommée mondiale, arrêté en juillet 2023 et accusé d'« apologie du terrorisme » pour s'être prononcé contre la guerre en Ukraine.",
      bio: md(
        "Boris Kagarlitsky est un sociologue et théoricien marxiste dont les travaux sont connus bien au-delà de la Russie ; il compte parmi les figures les plus en vue de la gauche russe.",
        "Il a été arrêté à Moscou le 25 juillet 2023 et poursuivi pour « apologie du terrorisme » en raison de ses prises de position publiques contre la guerre menée par la Russie en Ukraine ; il encourt jusqu'à sept ans de prison. Il a d'abord été détenu dans un centre de détention provisoire à Syktyvkar, dans le nord du pays. Vers la fin de 2023, il a passé environ deux mois en liberté et s'en est servi pour défendre d'autres prisonniers politiques.",
        "En avril 2024, il était de nouveau derrière les barreaux, dans un centre de détention provisoire de Zelenograd, près de Moscou. De là, il a adressé aux militants de gauche une lettre ouverte les appelant à s'unir pour soutenir leurs camarades emprisonnés — un geste qu'il présente comme politique, et pas seulement humanitaire.",
        "La campagne pour sa libération ne faiblit pas, bien au contraire. Le Comité d'action solidaire, qui soutient plusieurs prisonniers de gauche à la fois, fait partie de ceux qui le défendent.",
      ),
      facility: "Centre de détention provisoire de Zelenograd (en avril 2024)",
    },
    ru: {
      status: "reviewed",
      name: "Борис Кагарлицкий",
      summary:
        "Всемирно известный социолог и теоретик марксизма; арестован в июле 2023 года по обвинению в «оправдании терроризма» за выступления против войны в Украине.",
      bio: md(
        "Борис Кагарлицкий — социолог и теоретик марксизма, чьи работы известны далеко за пределами России, одна из самых заметных фигур российского левого движения.",
        "25 июля 2023 года его арестовали в Москве и обвинили в «оправдании терроризма» за публичные высказывания против войны России в Украине; по этой статье ему грозит до семи лет лишения свободы. Сначала его держали в СИЗО в Сыктывкаре. В конце 2023 года он около двух месяцев провёл на свободе и посвятил это время защите других политзаключённых.",
        "К апрелю 2024 года он снова оказался за решёткой — в СИЗО в Зеленограде. Оттуда он обратился к левым активистам с открытым письмом и призвал их объединиться вокруг помощи заключённым товарищам, видя в этом не только гуманитарное, но и политическое дело.",
        "Кампания за его освобождение не утихает, а набирает силу. Среди тех, кто его защищает, — Комитет солидарных действий, поддерживающий сразу нескольких левых политзаключённых.",
      ),
      facility: "СИЗО, Зеленоград (по данным на апрель 2024 года)",
    },
    de: {
      status: "machine",
      name: "Boris Kagarlizki",
      summary:
        "Weltweit bekannter russischer Soziologe und marxistischer Theoretiker, im Juli 2023 festgenommen und wegen seiner Äußerungen gegen den Krieg in der Ukraine der „Rechtfertigung von Terrorismus“ beschuldigt.",
      bio: md(
        "Boris Kagarlizki ist ein Soziologe und marxistischer Theoretiker, dessen Arbeiten weit über Russland hinaus bekannt sind. Am 25. Juli 2023 wurde er in Moskau festgenommen; wegen seiner öffentlichen Äußerungen gegen den Krieg in der Ukraine wird ihm „Rechtfertigung von Terrorismus“ vorgeworfen, worauf bis zu sieben Jahre Haft stehen.",
        "Nach Monaten in Untersuchungshaft in Syktywkar war er Ende 2023 für etwa zwei Monate frei und setzte sich für andere politische Gefangene ein. Im April 2024 saß er erneut in Untersuchungshaft, in Selenograd bei Moskau, und rief von dort die Linke dazu auf, sich in der Unterstützung inhaftierter Genossinnen und Genossen zusammenzuschließen.",
      ),
      facility: "Untersuchungshaftanstalt Selenograd (Stand: April 2024)",
    },
    es: {
      status: "machine",
      name: "Borís Kagarlitski",
      summary:
        "Sociólogo y teórico marxista ruso de renombre mundial, detenido en julio de 2023 y acusado de «justificación del terrorismo» por sus declaraciones contra la guerra en Ucrania.",
      bio: md(
        "Borís Kagarlitski es un sociólogo y teórico marxista cuya obra es conocida mucho más allá de Rusia. El 25 de julio de 2023 fue detenido en Moscú y acusado de «justificación del terrorismo» por sus declaraciones públicas contra la guerra en Ucrania, un delito castigado con hasta siete años de prisión.",
        "Tras pasar meses en prisión preventiva en Syktyvkar, a finales de 2023 estuvo unos dos meses en libertad y los dedicó a defender a otros presos políticos. En abril de 2024 volvía a estar en prisión preventiva, en Zelenograd, cerca de Moscú, desde donde llamó a la izquierda a unirse para apoyar a los compañeros encarcelados.",
      ),
      facility: "Centro de prisión preventiva de Zelenograd (a abril de 2024)",
    },
    uk: {
      status: "machine",
      name: "Борис Кагарлицький",
      summary:
        "Всесвітньо відомий російський соціолог і теоретик марксизму, заарештований у липні 2023 року за звинуваченням у «виправданні тероризму» через антивоєнні висловлювання.",
      bio: md(
        "Борис Кагарлицький — соціолог і теоретик марксизму, чиї праці знають далеко за межами Росії. 25 липня 2023 року його заарештували в Москві та звинуватили у «виправданні тероризму» за публічні висловлювання проти війни в Україні; за цією статтею йому загрожує до семи років позбавлення волі.",
        "Після кількох місяців у СІЗО в Сиктивкарі наприкінці 2023 року він близько двох місяців був на волі й присвятив цей час захисту інших політв'язнів. У квітні 2024 року він знову був під вартою — у СІЗО в Зеленограді під Москвою — і звідти закликав лівих активістів об'єднатися довкола допомоги ув'язненим товаришам.",
      ),
      facility: "СІЗО, Зеленоград (станом на квітень 2024 року)",
    },
  },
  events: [
    {
      on: "2023-07-25", // source 000
      text: {
        en: "Arrested in Moscow and accused of “justifying terrorism” over his public statements against Russia's war in Ukraine; the charge carries up to seven years in prison.",
        fr: "Arrêté à Moscou et accusé d'« apologie du terrorisme » pour ses prises de position publiques contre la guerre menée par la Russie en Ukraine ; il encourt jusqu'à sept ans de prison.",
        ru: "Арестован в Москве по обвинению в «оправдании терроризма» за публичные высказывания против войны России в Украине; по этой статье грозит до семи лет лишения свободы.",
      },
    },
    {
      on: "2023-12-01", // "end of last year" in a November 2024 article (source 004)
      text: {
        en: "Late 2023 (our sources give no exact dates): released from the pre-trial detention centre in Syktyvkar, he spends about two months at liberty and sets out to campaign for political prisoners and to break the silence around their cases.",
        fr: "Fin 2023 (nos sources ne donnent pas de dates précises) : sorti du centre de détention provisoire de Syktyvkar, il passe environ deux mois en liberté et entreprend de se battre pour les prisonniers politiques et de briser le silence qui entoure leurs affaires.",
        ru: "Конец 2023 года (точных дат в наших источниках нет): выйдя из СИЗО в Сыктывкаре, он около двух месяцев проводит на свободе и берётся за защиту политзаключённых, стремясь прорвать информационную блокаду вокруг их дел.",
      },
    },
    {
      on: "2024-04-01", // "beginning of April" (source 004)
      text: {
        en: "In early April 2024, back in custody in a pre-trial detention centre in Zelenograd, near Moscow, he writes an open letter calling on left-wing activists to unite around help for imprisoned comrades, which he presents as a political act and not only a humanitarian one.",
        fr: "Début avril 2024, de nouveau détenu dans un centre de détention provisoire de Zelenograd, près de Moscou, il écrit une lettre ouverte appelant les militants de gauche à s'unir autour de l'aide aux camarades emprisonnés, qu'il présente comme un acte politique et pas seulement humanitaire.",
        ru: "В начале апреля 2024 года, снова находясь под стражей — теперь в СИЗО в Зеленограде, — он пишет открытое письмо левым активистам и призывает их объединиться вокруг помощи заключённым товарищам, видя в этом не только гуманитарное, но и политическое дело.",
      },
    },
    {
      on: "2024-11-01", // publication month of source 004
      text: {
        en: "A report published in November 2024 says the campaign for his release is still gaining momentum. The Solidarity Action Committee, which supports several left-wing prisoners at once, is among those defending him.",
        fr: "Selon un article publié en novembre 2024, la campagne pour sa libération continue de prendre de l'ampleur. Le Comité d'action solidaire, qui soutient plusieurs prisonniers de gauche à la fois, fait partie de ses défenseurs.",
        ru: "Как сообщается в статье, опубликованной в ноябре 2024 года, кампания за его освобождение продолжает набирать силу. Среди его защитников — Комитет солидарных действий, который поддерживает сразу нескольких левых политзаключённых.",
      },
    },
  ],
};

const dariaKozyreva: DemoPrisoner = {
  slug: "daria-kozyreva",
  status: "detained",
  detainedOn: "2024-02-24", // source 004
  translations: {
    en: {
      status: "original",
      name: "Daria Kozyreva",
      summary:
        "A young communist in St Petersburg, held in pre-trial detention since February 2024 for attaching lines from a Taras Shevchenko poem to the poet's monument.",
      bio: md(
        "Daria Kozyreva is a young communist in St Petersburg; our sources describe her as eighteen years old. She was drawn to communist ideas as a teenager — she read Marx's Capital at twelve — and before her arrest she was active in two left-wing organisations and the study circles around them.",
        "She opposed the war against Ukraine from the first days, and not only in words. While still a minor she drew police attention over an anti-war inscription on Palace Square. In August 2022 she and a friend received their first administrative charge for “discrediting the army”, after tearing down a poster in Patriot Park that urged people to sign up as contract soldiers. In January 2024 St Petersburg State University expelled her over a social-media post that criticised new articles of the criminal code and mocked the claim to “denazify” Ukraine.",
        "On 24 February 2024, the second anniversary of the full-scale invasion, she was arrested in St Petersburg for attaching to the monument to Taras Shevchenko a sheet of paper bearing lines, in Ukrainian, from his poem “Testament”. Because she already had an administrative record for “discrediting the army”, this repeat offence was treated as a crime, and she has been held in pre-trial detention since.",
        "Comrades who write to her and have seen her at hearings say she is in good spirits and resolute; in every courtroom photograph she is smiling. In an open letter to Novaya Gazeta she wrote that Shevchenko is her favourite poet and that she is not afraid of being sentenced. The Solidarity Action Committee supports her.",
      ),
      facility: "Pre-trial detention centre",
    },
    fr: {
      status: "reviewed",
      name: "Daria Kozyreva",
      summary:
        "Jeune communiste de Saint-Pétersbourg, en détention provisoire depuis février 2024 pour avoir fixé des vers de Taras Chevtchenko sur le monument au poète.",
      bio: md(
        "Daria Kozyreva est une jeune communiste de Saint-Pétersbourg ; nos sources lui donnent dix-huit ans. Attirée par les idées communistes dès l'adolescence — elle a lu Le Capital de Marx à douze ans —, elle militait avant son arrestation dans deux organisations de gauche et dans les cercles d'étude qui leur étaient liés.",
        "Opposée dès les premiers jours à la guerre contre l'Ukraine, elle ne s'est pas contentée de mots. Encore mineure, elle avait attiré l'attention de la police par une inscription antiguerre sur la place du Palais. En août 2022, une première procédure administrative pour « discrédit de l'armée » a été ouverte contre elle et une amie, qui avaient arraché dans le parc Patriot une affiche appelant à s'engager sous contrat. En janvier 2024, l'université d'État de Saint-Pétersbourg l'a exclue pour une publication sur les réseaux sociaux où elle critiquait de nouveaux articles du Code pénal et raillait la prétendue « dénazification » de l'Ukraine.",
        "Le 24 février 2024, deuxième anniversaire de l'invasion à grande échelle, elle a été arrêtée à Saint-Pétersbourg pour avoir fixé sur le monument à Taras Chevtchenko une feuille portant, en ukrainien, des vers de son poème « Testament ». Comme elle avait déjà fait l'objet d'une procédure administrative pour « discrédit de l'armée », cette récidive a été traitée comme une infraction pénale, et elle est depuis en détention provisoire.",
        "Ses camarades, qui correspondent avec elle et l'ont vue aux audiences, la décrivent pleine d'entrain et résolue ; sur toutes les photos prises au tribunal, elle sourit. Dans une lettre ouverte à Novaïa Gazeta, elle a écrit que Chevtchenko était son poète préféré et qu'elle ne craignait pas d'être condamnée. Le Comité d'action solidaire la soutient.",
      ),
      facility: "Centre de détention provisoire",
    },
    ru: {
      status: "reviewed",
      name: "Дарья Козырева",
      summary:
        "Молодая коммунистка из Петербурга; с февраля 2024 года находится в СИЗО за то, что прикрепила к памятнику Тарасу Шевченко строки из его стихотворения.",
      bio: md(
        "Дарья Козырева — молодая коммунистка из Санкт-Петербурга; по нашим источникам, ей восемнадцать лет. Коммунистическими идеями она увлеклась ещё подростком — «Капитал» Маркса прочла в двенадцать лет — и до ареста участвовала в работе двух левых организаций и связанных с ними кружков.",
        "Против войны с Украиной она выступала с первых дней — и не только на словах. Ещё несовершеннолетней она попала в поле зрения полиции из-за антивоенной надписи на Дворцовой площади. В августе 2022 года на неё и её подругу составили первый протокол о «дискредитации армии» — за сорванный в парке «Патриот» плакат с призывом идти служить по контракту. В январе 2024 года её отчислили из Санкт-Петербургского государственного университета за пост в соцсетях, в котором она критиковала новые статьи Уголовного кодекса и высмеивала заявления о «денацификации» Украины.",
        "24 февраля 2024 года, во вторую годовщину полномасштабного вторжения, её задержали в Петербурге за то, что она прикрепила к памятнику Тарасу Шевченко листок со строками из его «Завещания» на украинском языке. Поскольку у неё уже был административный протокол о «дискредитации армии», повторный эпизод стал уголовным делом, и с тех пор она находится в СИЗО.",
        "Товарищи, которые переписываются с Дарьей и видели её на заседаниях, говорят, что она бодра и полна решимости; на всех фотографиях из зала суда она улыбается. В открытом письме «Новой газете» она назвала Шевченко своим любимым поэтом и написала, что не боится приговора. Её поддерживает Комитет солидарных действий.",
      ),
      facility: "СИЗО",
    },
    de: {
      status: "machine",
      name: "Darja Kosyrewa",
      summary:
        "Junge Kommunistin aus St. Petersburg, seit Februar 2024 in Untersuchungshaft, weil sie Verse von Taras Schewtschenko an dessen Denkmal befestigt hatte.",
      bio: md(
        "Darja Kosyrewa ist eine junge Kommunistin aus St. Petersburg, die sich von Beginn an gegen den Krieg gegen die Ukraine stellte. Im August 2022 wurde gegen sie wegen „Diskreditierung der Armee“ ein Verwaltungsverfahren eingeleitet, nachdem sie ein Plakat zur Anwerbung von Vertragssoldaten abgerissen hatte; im Januar 2024 wurde sie wegen eines Beitrags in sozialen Netzwerken von der Staatlichen Universität St. Petersburg exmatrikuliert.",
        "Am 24. Februar 2024 wurde sie festgenommen, weil sie am Denkmal für Taras Schewtschenko ein Blatt mit ukrainischen Versen aus seinem Gedicht „Vermächtnis“ angebracht hatte. Wegen des früheren Verfahrens gilt dies als Straftat; seitdem sitzt sie in Untersuchungshaft. Wer sie vor Gericht gesehen hat, berichtet, dass sie ungebrochen ist und lächelt.",
      ),
      facility: "Untersuchungshaftanstalt",
    },
    es: {
      status: "machine",
      name: "Daria Kozyreva",
      summary:
        "Joven comunista de San Petersburgo, en prisión preventiva desde febrero de 2024 por colocar versos de Tarás Shevchenko en el monumento al poeta.",
      bio: md(
        "Daria Kozyreva es una joven comunista de San Petersburgo que se opuso desde el principio a la guerra contra Ucrania. En agosto de 2022 se le abrió un expediente administrativo por «desacreditar al ejército» tras arrancar un cartel de reclutamiento de soldados por contrato, y en enero de 2024 fue expulsada de la Universidad Estatal de San Petersburgo por una publicación en redes sociales.",
        "El 24 de febrero de 2024 fue detenida por colocar en el monumento a Tarás Shevchenko una hoja con versos en ucraniano de su poema «Testamento». Por el expediente anterior, el hecho se persigue como delito, y desde entonces está en prisión preventiva. Quienes la han visto en el tribunal cuentan que mantiene el ánimo y la sonrisa.",
      ),
      facility: "Centro de prisión preventiva",
    },
    uk: {
      status: "machine",
      name: "Дар'я Козирєва",
      summary:
        "Молода комуністка із Санкт-Петербурга, яка з лютого 2024 року перебуває в СІЗО за те, що прикріпила до пам'ятника Тарасові Шевченку рядки з його вірша.",
      bio: md(
        "Дар'я Козирєва — молода комуністка із Санкт-Петербурга, яка від самого початку виступала проти війни з Україною. У серпні 2022 року на неї склали адміністративний протокол про «дискредитацію армії» за те, що вона зірвала плакат із закликом іти на контрактну службу, а в січні 2024 року її відрахували із Санкт-Петербурзького державного університету через допис у соцмережах.",
        "24 лютого 2024 року, у другу річницю повномасштабного вторгнення, її затримали за те, що вона прикріпила до пам'ятника Тарасові Шевченку аркуш із рядками з «Заповіту». Через попередній протокол це вже кримінальна справа, і відтоді вона перебуває в СІЗО. Ті, хто бачив її в суді, кажуть, що вона не втрачає бадьорості й усміхається.",
      ),
      facility: "СІЗО",
    },
  },
  events: [
    {
      on: "2022-08-01", // August 2022, no day given (source 004)
      text: {
        en: "In August 2022, she and a friend receive their first administrative charge for “discrediting the army”, for tearing down a poster in Patriot Park that urged people to sign up as contract soldiers. Even before turning eighteen, she had drawn police attention over an anti-war inscription on Palace Square.",
        fr: "En août 2022, une première procédure administrative pour « discrédit de l'armée » vise Daria et une amie, qui ont arraché dans le parc Patriot une affiche appelant à s'engager sous contrat. Avant même sa majorité, elle avait attiré l'attention de la police par une inscription antiguerre sur la place du Palais.",
        ru: "В августе 2022 года на Дарью и её подругу составляют первый протокол о «дискредитации армии» — за сорванный в парке «Патриот» плакат с призывом идти служить по контракту. Ещё до совершеннолетия она попала в поле зрения полиции из-за антивоенной надписи на Дворцовой площади.",
      },
    },
    {
      on: "2024-01-01", // "January of this year" in a November 2024 article (source 004)
      text: {
        en: "In January 2024, St Petersburg State University expels her over a social-media post criticising new articles of the criminal code and mocking the official aim of “denazifying” Ukraine.",
        fr: "En janvier 2024, l'université d'État de Saint-Pétersbourg l'exclut pour une publication sur les réseaux sociaux critiquant de nouveaux articles du Code pénal et raillant l'objectif officiel de « dénazification » de l'Ukraine.",
        ru: "В январе 2024 года Санкт-Петербургский государственный университет отчисляет её за пост в соцсетях, в котором она критиковала новые статьи Уголовного кодекса и высмеивала официальную цель «денацификации» Украины.",
      },
    },
    {
      on: "2024-02-24", // source 004
      text: {
        en: "On the second anniversary of the full-scale invasion, she is arrested in St Petersburg for attaching lines in Ukrainian from Taras Shevchenko's poem “Testament” to the poet's monument. Because of her earlier administrative charge, this is treated as a criminal offence, and she is placed in pre-trial detention.",
        fr: "Le jour du deuxième anniversaire de l'invasion à grande échelle, elle est arrêtée à Saint-Pétersbourg pour avoir fixé sur le monument à Taras Chevtchenko des vers en ukrainien de son poème « Testament ». En raison de la procédure administrative antérieure, les faits sont traités comme une infraction pénale, et elle est placée en détention provisoire.",
        ru: "Во вторую годовщину полномасштабного вторжения её задерживают в Петербурге за то, что она прикрепила к памятнику Тарасу Шевченко строки из его «Завещания» на украинском языке. Из-за прежнего протокола это уже уголовное дело; её помещают в СИЗО.",
      },
    },
    {
      on: "2024-11-01", // publication month of source 004
      text: {
        en: "According to a report published in November 2024, she is held in pre-trial detention. In an open letter to Novaya Gazeta she says she does not fear a sentence; comrades who write to her describe her as cheerful and resolute. The Solidarity Action Committee is among her supporters.",
        fr: "Selon un article publié en novembre 2024, elle est en détention provisoire. Dans une lettre ouverte à Novaïa Gazeta, elle dit ne pas craindre d'être condamnée ; les camarades qui lui écrivent la décrivent joyeuse et résolue. Le Comité d'action solidaire compte parmi ses soutiens.",
        ru: "Как сообщается в статье, опубликованной в ноябре 2024 года, она находится в СИЗО. В открытом письме «Новой газете» Дарья пишет, что не боится приговора; товарищи, которые с ней переписываются, говорят, что она бодра и полна решимости. Среди тех, кто её поддерживает, — Комитет солидарных действий.",
      },
    },
  ],
};

const alexanderKupriyanov: DemoPrisoner = {
  slug: "alexander-kupriyanov",
  // Not in custody: he lives at home under a "prohibition of certain actions" while the case
  // against him continues (source 004). "released" is the closest status; the text explains.
  status: "released",
  translations: {
    en: {
      status: "original",
      name: "Alexander Kupriyanov",
      summary:
        "A Bryansk psychotherapist and activist of the Action healthcare union who spent a year in pre-trial detention and is still under investigation and strict restrictions.",
      bio: md(
        "Alexander Kupriyanov is a psychotherapist from Bryansk, known to many as “Doctor Pravda” after his YouTube channel. He tried to set up an independent union at his workplace in the mid-2000s and later joined Action, the independent healthcare workers' union founded in 2012.",
        "In the Bryansk region he organised rallies and pickets on health issues — torture at the Trubchevsk psychoneurological care home, the deaths of children at the Bryansk perinatal centre, the working conditions of medical staff — and on other local injustices. He took part in the Communist Party of the Russian Federation and stood for election, but was later expelled for criticising the party's conciliatory line. He then joined the Solidarity Action Committee and helped found a citizens' public council in Bryansk.",
        "In 2018 he was arrested in a fraud case about loans pushed on patients of the Med-Life clinic network, where he had been chief physician and dealt only with medical matters. After a year in pre-trial detention — the legal maximum for that charge — he was released for lack of evidence, but the case was never closed. In August 2023, right after an anti-corruption round table he helped organise, it was requalified as “organising a criminal community”.",
        "He now lives at home in Bryansk under a court order that bars him from using the internet, the post and other means of communication, while reading the 560-volume case file means long trips to Cheboksary, more than 1,000 km away. In February 2024 investigators tried and failed to have him remanded in custody again. He has yet to stand trial.",
      ),
    },
    fr: {
      status: "reviewed",
      name: "Alexandre Koupriianov",
      summary:
        "Psychothérapeute de Briansk et militant du syndicat des soignants « Action », il a passé un an en détention provisoire et reste poursuivi, sous de lourdes restrictions.",
      bio: md(
        "Alexandre Koupriianov est psychothérapeute à Briansk ; beaucoup le connaissent sous le nom de « Docteur Pravda », d'après sa chaîne YouTube. Après avoir tenté, au milieu des années 2000, de créer un syndicat indépendant sur son lieu de travail, il a rejoint « Action », le syndicat indépendant des travailleurs de la santé fondé en 2012.",
        "Dans la région de Briansk, il a organisé rassemblements et piquets sur des questions de santé — tortures dans l'internat psychoneurologique de Troubtchevsk, décès d'enfants au centre périnatal de Briansk, conditions de travail des soignants — et sur d'autres injustices locales. Il a milité au Parti communiste de la Fédération de Russie et s'est présenté à des élections, avant d'en être exclu pour avoir critiqué la ligne conciliante du parti. Il a ensuite rejoint le Comité d'action solidaire et participé à la fondation d'un conseil public des citoyens à Briansk.",
        "En 2018, il a été arrêté dans une affaire d'escroquerie portant sur des crédits imposés aux patients du réseau de cliniques Med-Life, où il était médecin-chef et ne s'occupait que de questions médicales. Après un an de détention provisoire — le maximum prévu pour ce chef d'accusation —, il a été libéré faute de preuves, mais l'affaire n'a jamais été classée. En août 2023, juste après une table ronde contre la corruption qu'il avait coorganisée, elle a été requalifiée en « organisation d'une communauté criminelle ».",
        "Il vit aujourd'hui chez lui, à Briansk, sous le coup d'une mesure qui lui interdit d'utiliser internet, la poste et tout autre moyen de communication ; pour étudier le dossier, fort de 560 volumes, il doit se rendre à Tcheboksary, à plus de 1 000 km. En février 2024, les enquêteurs ont tenté en vain de le faire placer de nouveau en détention. Il n'a pas encore été jugé.",
      ),
    },
    ru: {
      status: "reviewed",
      name: "Александр Куприянов",
      summary:
        "Психотерапевт из Брянска и активист медицинского профсоюза «Действие»; провёл год в СИЗО и до сих пор остаётся под следствием и жёсткими ограничениями.",
      bio: md(
        "Александр Куприянов — психотерапевт из Брянска; многие знают его как «Доктора Правду» — по названию его YouTube-канала. В середине 2000-х он пытался создать независимый профсоюз у себя на работе, а позже вступил в «Действие» — независимый профсоюз медицинских работников, основанный в 2012 году.",
        "В Брянской области он организовывал митинги и пикеты по проблемам здравоохранения — пытки в Трубчевском психоневрологическом интернате, гибель детей в брянском перинатальном центре, трудовые права медиков — и по другим местным несправедливостям. Он участвовал в работе КПРФ и баллотировался на выборах, но позднее был исключён из партии за критику её соглашательской линии. После этого он вошёл в Комитет солидарных действий и стал одним из основателей общественного совета граждан Брянска.",
        "В 2018 году его арестовали по делу о мошенничестве с кредитами, которые навязывали пациентам сети клиник Med-Life, где он был главным врачом и занимался исключительно лечебной работой. Проведя в СИЗО год — предельный срок содержания под стражей по этой статье, — он вышел на свободу за недостатком доказательств, но дело так и не закрыли. В августе 2023 года, сразу после антикоррупционного круглого стола, одним из организаторов которого он был, дело переквалифицировали на «организацию преступного сообщества».",
        "Сейчас он живёт дома в Брянске под запретом определённых действий: ему нельзя пользоваться интернетом, почтой и другими средствами связи. Чтобы знакомиться с материалами дела в 560 томах, ему приходится ездить в Чебоксары — больше чем за тысячу километров. В феврале 2024 года следствие пыталось снова отправить его под стражу, но суд отказал. Рассмотрение дела по существу ещё впереди.",
      ),
    },
    de: {
      status: "machine",
      name: "Alexander Kuprijanow",
      summary:
        "Psychotherapeut aus Brjansk und Aktivist der Gesundheitsgewerkschaft „Aktion“, der ein Jahr in Untersuchungshaft saß und bis heute unter strengen Auflagen strafrechtlich verfolgt wird.",
      bio: md(
        "Alexander Kuprijanow ist Psychotherapeut aus Brjansk und als „Doktor Prawda“ nach seinem YouTube-Kanal bekannt. Er ist Mitglied der unabhängigen Gesundheitsgewerkschaft „Aktion“ und organisierte in der Region Brjansk Kundgebungen zu Missständen im Gesundheitswesen und zu anderen sozialen Fragen.",
        "2018 wurde er in einem Betrugsverfahren um Kredite, die Patienten einer Klinikkette aufgedrängt worden waren, festgenommen und verbrachte ein Jahr in Untersuchungshaft, bevor er mangels Beweisen freikam. Das Verfahren wurde jedoch nie eingestellt und im August 2023 auf „Bildung einer kriminellen Vereinigung“ ausgeweitet. Heute lebt er unter strengen Auflagen zu Hause und wartet auf seinen Prozess.",
      ),
    },
    es: {
      status: "machine",
      name: "Alexandr Kupriyánov",
      summary:
        "Psicoterapeuta de Briansk y activista del sindicato sanitario Acción; pasó un año en prisión preventiva y sigue procesado y bajo estrictas restricciones.",
      bio: md(
        "Alexandr Kupriyánov es un psicoterapeuta de Briansk, conocido como «Doctor Pravda» por su canal de YouTube. Miembro del sindicato independiente de trabajadores sanitarios Acción, organizó en la región de Briansk concentraciones sobre problemas de la sanidad y otras cuestiones sociales.",
        "En 2018 fue detenido en una causa por fraude relacionada con créditos impuestos a pacientes de una red de clínicas, y pasó un año en prisión preventiva antes de ser liberado por falta de pruebas. Sin embargo, la causa nunca se cerró y en agosto de 2023 se recalificó como «organización de una comunidad criminal». Hoy vive en su casa bajo estrictas restricciones, a la espera de juicio.",
      ),
    },
    uk: {
      status: "machine",
      name: "Олександр Купріянов",
      summary:
        "Психотерапевт із Брянська й активіст медичної профспілки «Дія», який рік провів у СІЗО і досі перебуває під слідством та суворими обмеженнями.",
      bio: md(
        "Олександр Купріянов — психотерапевт із Брянська, відомий як «Доктор Правда» завдяки своєму YouTube-каналу. Член незалежної профспілки медичних працівників «Дія», він організовував у Брянській області мітинги щодо проблем охорони здоров'я та інших соціальних питань.",
        "2018 року його заарештували у справі про шахрайство з кредитами, які нав'язували пацієнтам мережі клінік, і він рік провів у СІЗО, перш ніж його звільнили через брак доказів. Проте справу так і не закрили, а в серпні 2023 року її перекваліфікували на «організацію злочинного співтовариства». Нині він живе вдома під суворими обмеженнями й чекає на суд.",
      ),
    },
  },
  events: [
    {
      on: "2018-01-01", // only the year is given (source 004)
      text: {
        en: "In 2018 (our sources give no exact date), he is arrested on fraud charges in a case about loans pressed on patients of the Med-Life clinics, in which 22 people are involved. He spends a year in pre-trial detention, the legal maximum for the charge, and is then released for lack of evidence; the case stays open.",
        fr: "En 2018 (nos sources ne précisent pas la date), il est arrêté pour escroquerie dans une affaire de crédits imposés aux patients des cliniques Med-Life, qui compte 22 mis en cause. Il passe un an en détention provisoire, le maximum légal pour ce chef, puis il est libéré faute de preuves ; l'affaire reste ouverte.",
        ru: "В 2018 году (точная дата в наших источниках не указана) его арестовывают по делу о мошенничестве с кредитами, которые навязывали пациентам клиник Med-Life; всего по делу проходят 22 человека. Он проводит в СИЗО год — предельный срок по этой статье — и выходит на свободу за недостатком доказательств; дело при этом не закрыто.",
      },
    },
    {
      on: "2023-08-15", // source 004
      text: {
        en: "The newspaper “For Truth and Justice” and the Bryansk public council hold a round table of the Bryansk public against corruption; Kupriyanov is one of the organisers.",
        fr: "Le journal « Pour la vérité et la justice » et le conseil public de Briansk organisent une table ronde de la société civile de Briansk contre la corruption ; Koupriianov fait partie des organisateurs.",
        ru: "Газета «За правду и справедливость» и брянский общественный совет проводят круглый стол брянской общественности против коррупции; Куприянов — один из организаторов.",
      },
    },
    {
      on: "2023-08-16", // source 004
      text: {
        en: "The very next day he is summoned to the police investigative department in Cheboksary, in Chuvashia. The fraud case, never closed, is requalified as “organising a criminal community”.",
        fr: "Dès le lendemain, il est convoqué au service d'enquête de la police à Tcheboksary, en Tchouvachie. L'affaire d'escroquerie, jamais classée, est requalifiée en « organisation d'une communauté criminelle ».",
        ru: "Уже на следующий день его вызывают в следственный отдел полиции в Чебоксарах. Незакрытое дело о мошенничестве переквалифицируют на «организацию преступного сообщества».",
      },
    },
    {
      on: "2024-02-21", // source 004
      text: {
        en: "Detained in the street in Bryansk and taken to Cheboksary.",
        fr: "Interpellé en pleine rue à Briansk et conduit à Tcheboksary.",
        ru: "Задержан прямо на улице в Брянске и доставлен в Чебоксары.",
      },
    },
    {
      on: "2024-02-22", // source 004
      text: {
        en: "A district court in Cheboksary rejects the investigators' request to remand him in custody on the grounds that he had kept using the internet. Thanks to his lawyer and a public defence campaign, the existing restrictions stay as they were.",
        fr: "Un tribunal de district de Tcheboksary rejette la demande des enquêteurs, qui voulaient le placer en détention au motif qu'il continuait d'utiliser internet. Grâce au travail de sa défense et à une campagne publique, la mesure de contrôle reste inchangée.",
        ru: "Районный суд в Чебоксарах отклоняет ходатайство следствия о заключении его под стражу — поводом было то, что он продолжал пользоваться интернетом. Благодаря работе адвоката и общественной кампании мера пресечения остаётся прежней.",
      },
    },
  ],
};

const antonOrlov: DemoPrisoner = {
  slug: "anton-orlov",
  status: "sentenced",
  // No detainedOn and no facility: the sources give neither.
  translations: {
    en: {
      status: "original",
      name: "Anton Orlov",
      summary:
        "Coordinator of the Action healthcare union in Bashkortostan, sentenced in 2022 to six and a half years in a fraud case brought during a strike, and now on trial again.",
      bio: md(
        "Anton Orlov is a young communist, a member of the Communist Party of the Russian Federation and of the Union of Marxists. He is not a doctor, but at the start of the Covid-19 pandemic he worked alongside medical teams in Bashkortostan. Seeing staff pushed to exhaustion, often without extra pay, he joined the Action union and became its unpaid coordinator in the republic.",
        "Between 2020 and 2022 the union's membership there grew fourfold; ambulance crews won higher pay, weekend work began to be paid double, and pregnant staff were released from work while keeping their average earnings. In February 2022 ambulance doctors in Ishimbay worked to rule to be paid for working in understaffed crews; the head physician of the district hospital resigned and the strikers' main demands were met.",
        "It was in the middle of that strike that Orlov, until then a witness, was charged in a fraud case over fuel that was paid for but never delivered. He had once been commercial director of one of the companies involved, without access to its accounts. Trade union leaders were not allowed to testify for the defence. On 23 September 2022 he was sentenced to six and a half years in a general-regime penal colony and a fine of 250,000 roubles, while co-defendants who testified against him received shorter terms.",
        "In February 2023 the appeal court cut his sentence by just three months. A second case followed, accusing him of fraud as part of an “organised group” in which he is the only defendant; that trial opened on 26 June 2024.",
      ),
    },
    fr: {
      status: "reviewed",
      name: "Anton Orlov",
      summary:
        "Coordinateur du syndicat des soignants « Action » au Bachkortostan, condamné en 2022 à six ans et demi de colonie dans une affaire d'escroquerie ouverte en pleine grève, et de nouveau jugé.",
      bio: md(
        "Anton Orlov est un jeune communiste, membre du Parti communiste de la Fédération de Russie et de l'Union des marxistes. Sans être médecin, il a travaillé aux côtés des équipes médicales du Bachkortostan au début de la pandémie de Covid-19. Témoin de l'épuisement des soignants, souvent sans rémunération supplémentaire, il a rejoint le syndicat « Action », dont il est devenu le coordinateur bénévole pour la république.",
        "Entre 2020 et 2022, le nombre d'adhérents y a été multiplié par quatre ; les équipes d'ambulance ont obtenu des hausses de salaire, le travail du week-end a été payé double et les salariées enceintes ont été dispensées de travail avec maintien de leur salaire moyen. En février 2022, à Ichimbaï, des médecins urgentistes ont mené une grève du zèle pour être payés lorsqu'ils travaillaient en équipes incomplètes : le médecin-chef de l'hôpital de district a démissionné et l'essentiel de leurs revendications a été satisfait.",
        "C'est en pleine grève qu'Orlov, jusque-là simple témoin, a été mis en cause dans une affaire d'escroquerie portant sur du carburant payé mais jamais livré. Il avait été directeur commercial de l'une des sociétés concernées, sans accès à ses comptes. Des responsables syndicaux n'ont pas été autorisés à témoigner pour la défense. Le 23 septembre 2022, il a été condamné à six ans et demi de colonie à régime général et à 250 000 roubles d'amende, tandis que des coaccusés qui avaient témoigné contre lui recevaient des peines plus courtes.",
        "En février 2023, la cour d'appel n'a réduit sa peine que de trois mois. Une deuxième affaire a suivi, pour escroquerie au sein d'un « groupe organisé » dont il est le seul prévenu ; ce nouveau procès s'est ouvert le 26 juin 2024.",
      ),
    },
    ru: {
      status: "reviewed",
      name: "Антон Орлов",
      summary:
        "Координатор медицинского профсоюза «Действие» в Башкортостане; в 2022 году приговорён к шести с половиной годам по делу о мошенничестве, возбуждённому в разгар забастовки, и теперь снова под судом.",
      bio: md(
        "Антон Орлов — молодой коммунист, член КПРФ и Союза марксистов. Он не врач, но в начале пандемии covid-19 работал вместе с медицинскими бригадами Башкортостана. Увидев, как медики трудятся на пределе сил, часто без доплат, он вступил в профсоюз «Действие» и на общественных началах стал его координатором в республике.",
        "За 2020–2022 годы численность республиканской организации выросла вчетверо; бригадам скорой помощи подняли зарплаты, работу в выходные стали оплачивать в двойном размере, а беременных сотрудниц освобождали от работы с сохранением среднего заработка. В феврале 2022 года врачи скорой в Ишимбае провели «итальянскую забастовку», добиваясь оплаты за работу в неполных бригадах: главврач районной больницы ушёл в отставку, а основные требования забастовщиков были выполнены.",
        "Именно в разгар этой забастовки Орлову, который до того проходил по делу свидетелем, предъявили обвинение в мошенничестве — по эпизодам с топливом, которое было оплачено, но так и не поставлено. Когда-то он работал коммерческим директором одной из компаний, но доступа к её счетам не имел. Профсоюзных лидеров не допустили в суд в качестве свидетелей защиты. 23 сентября 2022 года его приговорили к шести с половиной годам колонии общего режима и штрафу в 250 000 рублей, а подсудимые, дававшие показания против него, получили меньшие сроки.",
        "В феврале 2023 года апелляционный суд сократил срок всего на три месяца. Затем против Орлова возбудили второе дело — о мошенничестве в составе «организованной группы», в которой он оказался единственным обвиняемым. Новый процесс начался 26 июня 2024 года.",
      ),
    },
    de: {
      status: "machine",
      name: "Anton Orlow",
      summary:
        "Koordinator der Gesundheitsgewerkschaft „Aktion“ in Baschkortostan, 2022 in einem während eines Streiks eingeleiteten Betrugsverfahren zu sechseinhalb Jahren verurteilt und nun erneut angeklagt.",
      bio: md(
        "Anton Orlow ist ein junger Kommunist, der zu Beginn der Covid-19-Pandemie an der Seite medizinischer Teams in Baschkortostan arbeitete und ehrenamtlich Koordinator der Gewerkschaft „Aktion“ in der Republik wurde. In dieser Zeit vervierfachte sich die Mitgliederzahl, und im Februar 2022 setzten Rettungsärzte in Ischimbai mit Dienst nach Vorschrift ihre wichtigsten Forderungen durch.",
        "Mitten in diesem Streik wurde er in einem Betrugsverfahren um nicht gelieferten Treibstoff beschuldigt, in dem er zuvor nur Zeuge gewesen war. Am 23. September 2022 wurde er zu sechseinhalb Jahren Strafkolonie des allgemeinen Regimes und einer Geldstrafe von 250.000 Rubel verurteilt. Seit dem 26. Juni 2024 steht er in einem zweiten Betrugsverfahren erneut vor Gericht.",
      ),
    },
    es: {
      status: "machine",
      name: "Antón Orlov",
      summary:
        "Coordinador del sindicato sanitario Acción en Bashkortostán, condenado en 2022 a seis años y medio en una causa por fraude abierta en plena huelga, y de nuevo juzgado.",
      bio: md(
        "Antón Orlov es un joven comunista que, al comienzo de la pandemia de covid-19, trabajó junto a los equipos médicos de Bashkortostán y se convirtió en coordinador voluntario del sindicato Acción en la república. Durante ese periodo la afiliación se multiplicó por cuatro, y en febrero de 2022 los médicos de ambulancias de Ishimbái lograron sus principales reivindicaciones con una huelga de celo.",
        "En plena huelga fue acusado en una causa por fraude relacionada con combustible no entregado, en la que antes solo había sido testigo. El 23 de septiembre de 2022 fue condenado a seis años y medio de colonia penitenciaria de régimen general y a una multa de 250.000 rublos. Desde el 26 de junio de 2024 vuelve a ser juzgado en una segunda causa por fraude.",
      ),
    },
    uk: {
      status: "machine",
      name: "Антон Орлов",
      summary:
        "Координатор медичної профспілки «Дія» в Башкортостані, засуджений 2022 року до шести з половиною років у справі про шахрайство, порушеній посеред страйку, і нині знову під судом.",
      bio: md(
        "Антон Орлов — молодий комуніст, який на початку пандемії covid-19 працював пліч-о-пліч із медичними бригадами в Башкортостані й на громадських засадах став координатором профспілки «Дія» в республіці. За цей час кількість членів профспілки зросла вчетверо, а в лютому 2022 року лікарі швидкої допомоги в Ішимбаї «італійським страйком» домоглися виконання головних вимог.",
        "Саме посеред цього страйку його звинуватили у справі про шахрайство з непоставленим пальним, у якій раніше він був лише свідком. 23 вересня 2022 року його засудили до шести з половиною років колонії загального режиму та штрафу в 250 000 рублів. З 26 червня 2024 року його знову судять у другій справі про шахрайство.",
      ),
    },
  },
  events: [
    {
      on: "2022-02-01", // February 2022, no day given (source 004)
      text: {
        en: "In February 2022, ambulance doctors in Ishimbay, Bashkortostan, work to rule in an Action union campaign to be paid for working in understaffed crews; their main demands are met. In the middle of the strike, Orlov is charged in a fraud case in which he had until then been a witness.",
        fr: "En février 2022, à Ichimbaï (Bachkortostan), des médecins urgentistes mènent avec le syndicat « Action » une grève du zèle pour être payés lorsqu'ils travaillent en équipes incomplètes ; l'essentiel de leurs revendications est satisfait. En pleine grève, Orlov est mis en cause dans une affaire d'escroquerie où il n'était jusque-là que témoin.",
        ru: "В феврале 2022 года врачи скорой помощи в Ишимбае (Башкортостан) вместе с профсоюзом «Действие» проводят «итальянскую забастовку», добиваясь оплаты за работу в неполных бригадах; основные требования выполнены. В разгар забастовки Орлову предъявляют обвинение по делу о мошенничестве, в котором он до этого был свидетелем.",
      },
    },
    {
      on: "2022-09-23", // source 004
      text: {
        en: "Sentenced to six and a half years in a general-regime penal colony and a fine of 250,000 roubles. Co-defendants who testified against him receive shorter terms; trade union leaders were not allowed to testify for the defence.",
        fr: "Condamné à six ans et demi de colonie pénitentiaire à régime général et à 250 000 roubles d'amende. Des coaccusés qui ont témoigné contre lui écopent de peines plus courtes ; des responsables syndicaux n'ont pas pu témoigner pour la défense.",
        ru: "Приговор — шесть с половиной лет колонии общего режима и штраф 250 000 рублей. Подсудимые, свидетельствовавшие против него, получают меньшие сроки; профсоюзных лидеров так и не допустили в суд как свидетелей защиты.",
      },
    },
    {
      on: "2023-02-01", // February 2023, no day given (source 004)
      text: {
        en: "In February 2023, the appeal court cuts his prison term by only three months.",
        fr: "En février 2023, la cour d'appel ne réduit sa peine que de trois mois.",
        ru: "В феврале 2023 года апелляционный суд сокращает срок всего на три месяца.",
      },
    },
    {
      on: "2024-06-26", // "June 26" in a November 2024 article (source 004)
      text: {
        en: "A second trial opens, on charges of “fraud committed by an organised group on an especially large scale”; Orlov is the only defendant from the supposed group.",
        fr: "Ouverture d'un second procès pour « escroquerie en bande organisée à très grande échelle » ; Orlov est le seul membre présumé du « groupe » à être poursuivi.",
        ru: "Начинается второй процесс — по обвинению в «мошенничестве, совершённом организованной группой в особо крупном размере»; Орлов — единственный обвиняемый из этой якобы существующей группы.",
      },
    },
  ],
};

export const demoPrisoners: DemoPrisoner[] = [
  azatMiftakhov,
  borisKagarlitsky,
  dariaKozyreva,
  alexanderKupriyanov,
  antonOrlov,
];

// ---------------------------------------------------------------------------
// Campaigns
// ---------------------------------------------------------------------------

const TARGET_RUSSIAN_AUTHORITIES = {
  en: "To the authorities of the Russian Federation",
  fr: "Aux autorités de la Fédération de Russie",
  ru: "Властям Российской Федерации",
} as const;

const freeAzatMiftakhov: DemoCampaign = {
  slug: "free-azat-miftakhov-mathematicians",
  kind: "open_letter",
  status: "open",
  canonicalLocale: "en",
  goal: 5000,
  openedAt: "2023-09-10",
  prisoners: ["azat-miftakhov"],
  translations: {
    en: {
      status: "original",
      title: "Mathematicians and academics for the freedom of Azat Miftakhov",
      summary:
        "Mathematicians and scholars from many countries call on the Russian authorities to release their colleague Azat Miftakhov, rearrested on 4 September 2023 at the very moment his sentence ended, and to drop the new charge against him.",
      body: md(
        "We, the undersigned mathematicians, scientists and academics, joined by journalists, trade unionists and other supporters, write to you on behalf of our colleague Azat Miftakhov.",
        "Azat is a gifted mathematician. A graduate of the Faculty of Mechanics and Mathematics of Moscow State University, he was preparing to defend his doctoral thesis when he was detained on 1 February 2019. He has been behind bars ever since. The explosives accusation first brought against him collapsed for lack of evidence; he was then convicted of group hooliganism over a broken window at a party office, on the word of a single anonymous witness, and sentenced in January 2021 to six years in a penal colony. He has always denied any involvement. The Memorial Human Rights Centre recognised him as a political prisoner and found the use of torture in his case proven.",
        "On 4 September 2023 Azat completed that sentence. He was allowed five minutes with his family at the prison gate before being detained again, this time on a charge of “justifying terrorism” based on words he is alleged to have spoken in prison, which he denies.",
        "Thousands of mathematicians around the world have already signed letters in his defence, and learned societies including the London Mathematical Society and the International Mathematical Union have condemned his prosecution. Even in prison, Azat has continued to do mathematics. We add our voices to theirs.",
        "We ask you:",
        [
          "- to release Azat Miftakhov without delay and to drop the new charge against him;",
          "- to guarantee his physical safety, his right to see his lawyers and his family, and his right to receive letters;",
          "- to allow him to return to his life and to his research.",
        ].join("\n"),
        "A scientist should be judged by his work, not punished for his convictions. We will continue to follow Azat's case closely until he is free.",
      ),
      target: TARGET_RUSSIAN_AUTHORITIES.en,
    },
    fr: {
      status: "reviewed",
      title: "Des mathématiciens et universitaires pour la libération d'Azat Miftakhov",
      summary:
        "Des mathématiciens et des chercheurs de nombreux pays demandent aux autorités russes de libérer leur collègue Azat Miftakhov, arrêté de nouveau le 4 septembre 2023 à l'instant même où sa peine s'achevait, et d'abandonner les nouvelles poursuites engagées contre lui.",
      body: md(
        "Nous, mathématiciennes et mathématiciens, scientifiques et universitaires soussignés, rejoints par des journalistes, des syndicalistes et d'autres soutiens, nous adressons à vous au sujet de notre collègue Azat Miftakhov.",
        "Azat est un mathématicien de grand talent. Diplômé de la faculté de mécanique et de mathématiques de l'université d'État de Moscou, il se préparait à soutenir sa thèse de doctorat lorsqu'il a été interpellé, le 1er février 2019. Il n'a pas recouvré la liberté depuis. L'accusation liée à des explosifs, portée d'abord contre lui, s'est effondrée faute de preuves ; il a ensuite été reconnu coupable de hooliganisme en réunion pour une vitre brisée dans le local d'un parti, sur la foi d'un unique témoin anonyme, et condamné en janvier 2021 à six ans de colonie pénitentiaire. Il a toujours nié toute participation. Le Centre des droits humains Memorial l'a reconnu comme prisonnier politique et a jugé établi le recours à la torture dans cette affaire.",
        "Le 4 septembre 2023, Azat a fini de purger cette peine. On lui a accordé cinq minutes avec sa famille devant la porte de la colonie, puis il a de nouveau été placé en détention, cette fois pour « apologie du terrorisme », en raison de propos qu'il aurait tenus en prison et qu'il conteste.",
        "Des milliers de mathématiciens à travers le monde ont déjà signé des lettres pour sa défense, et des sociétés savantes, dont la London Mathematical Society et l'Union mathématique internationale, ont condamné ces poursuites. Même en détention, Azat a continué à faire des mathématiques. Nous joignons nos voix aux leurs.",
        "Nous vous demandons :",
        [
          "- de libérer Azat Miftakhov sans délai et d'abandonner les nouvelles poursuites engagées contre lui ;",
          "- de garantir son intégrité physique, son droit de voir ses avocats et sa famille, et son droit de recevoir du courrier ;",
          "- de lui permettre de reprendre sa vie et ses recherches.",
        ].join("\n"),
        "Un scientifique doit être jugé sur son œuvre, et non puni pour ses convictions. Nous continuerons de suivre attentivement la situation d'Azat jusqu'à sa libération.",
      ),
      target: TARGET_RUSSIAN_AUTHORITIES.fr,
    },
    ru: {
      status: "reviewed",
      title: "Математики и учёные — за свободу Азата Мифтахова",
      summary:
        "Математики и учёные из разных стран призывают российские власти освободить их коллегу Азата Мифтахова, которого снова задержали 4 сентября 2023 года — в ту самую минуту, когда закончился его срок, — и прекратить новое уголовное преследование.",
      body: md(
        "Мы, нижеподписавшиеся математики, учёные и преподаватели, а также присоединившиеся к нам журналисты, профсоюзные активисты и другие сторонники, обращаемся к вам в защиту нашего коллеги Азата Мифтахова.",
        "Азат — талантливый математик. Выпускник механико-математического факультета МГУ, он готовился к защите кандидатской диссертации, когда 1 февраля 2019 года его задержали. С тех пор он остаётся за решёткой. Первое обвинение — в изготовлении взрывчатки — развалилось за отсутствием доказательств; затем его осудили за групповое хулиганство из-за разбитого окна в партийном офисе на основании показаний единственного засекреченного свидетеля и в январе 2021 года приговорили к шести годам колонии. Азат неизменно отрицал свою причастность. Правозащитный центр «Мемориал» признал его политзаключённым и счёл доказанным применение пыток в этом деле.",
        "4 сентября 2023 года Азат полностью отбыл назначенный срок. У ворот колонии ему дали пять минут на встречу с родными, после чего снова задержали — на этот раз по обвинению в «оправдании терроризма» из-за слов, которые он якобы произнёс в заключении. Сам он это отрицает.",
        "Тысячи математиков по всему миру уже подписали письма в его защиту, а научные сообщества, в том числе Лондонское математическое общество и Международный математический союз, осудили его преследование. Даже в заключении Азат продолжал заниматься математикой. Мы присоединяемся к их требованиям.",
        "Мы просим вас:",
        [
          "- немедленно освободить Азата Мифтахова и прекратить новое уголовное дело против него;",
          "- гарантировать его безопасность, право на встречи с адвокатами и родными, а также право получать письма;",
          "- дать ему возможность вернуться к нормальной жизни и к научной работе.",
        ].join("\n"),
        "Учёного следует судить по его трудам, а не наказывать за убеждения. Мы будем внимательно следить за судьбой Азата до тех пор, пока он не окажется на свободе.",
      ),
      target: TARGET_RUSSIAN_AUTHORITIES.ru,
    },
  },
  groups: [
    group(GROUPS.mathematicians),
    group(GROUPS.scientists),
    group(GROUPS.journalists),
    group(GROUPS.trade_unionists),
    group(GROUPS.other),
  ],
  demoSignatures: 240,
};

const releaseBorisKagarlitsky: DemoCampaign = {
  slug: "release-boris-kagarlitsky",
  kind: "petition",
  status: "open",
  canonicalLocale: "ru",
  goal: 2000,
  openedAt: "2024-04-10", // after his open letter from the Zelenograd detention centre (April 2024)
  prisoners: ["boris-kagarlitsky"],
  translations: {
    ru: {
      status: "original",
      title: "Свободу Борису Кагарлицкому",
      summary:
        "Социолога Бориса Кагарлицкого преследуют за слова против войны. Мы требуем его освобождения и прекращения уголовного дела.",
      body: md(
        "Мы, учёные и преподаватели, журналисты, профсоюзные активисты, медицинские работники и все, кому небезразлична судьба свободной мысли в России, требуем освободить Бориса Кагарлицкого.",
        "Борис Кагарлицкий — социолог и теоретик марксизма с мировым именем. 25 июля 2023 года его арестовали в Москве. Его обвиняют в «оправдании терроризма» за публичные высказывания против войны в Украине; ему грозит до семи лет лишения свободы. Иными словами, учёного преследуют за то, что он высказал своё мнение.",
        "Борис Кагарлицкий уже провёл месяцы в СИЗО в Сыктывкаре. Ненадолго оказавшись на свободе в конце 2023 года, он сразу взялся за защиту других политзаключённых. Сегодня он снова под стражей — в СИЗО в Зеленограде. Даже оттуда он призывает товарищей не оставлять тех, кто попал в тюрьму за свои убеждения, и видит в такой помощи дело политической солидарности.",
        "Мы отвечаем ему той же солидарностью. Мы требуем:",
        [
          "- немедленно освободить Бориса Кагарлицкого;",
          "- прекратить уголовное преследование за антивоенные высказывания;",
          "- освободить всех, кто лишён свободы за слово и убеждения.",
        ].join("\n"),
        "Подпишите петицию и расскажите о ней коллегам. Чем больше голосов, тем труднее их не услышать.",
      ),
      target: TARGET_RUSSIAN_AUTHORITIES.ru,
    },
    en: {
      status: "reviewed",
      title: "Free Boris Kagarlitsky",
      summary:
        "The sociologist Boris Kagarlitsky is being prosecuted for speaking out against the war. We demand his release and an end to the criminal case against him.",
      body: md(
        "We — academics, journalists, trade unionists, healthcare workers and everyone who cares about free thought in Russia — demand the release of Boris Kagarlitsky.",
        "Boris Kagarlitsky is a sociologist and Marxist theorist of international standing. He was arrested in Moscow on 25 July 2023 and accused of “justifying terrorism” over his public statements against the war in Ukraine, a charge that carries up to seven years in prison. In other words, a scholar is being prosecuted for expressing his opinion.",
        "He has already spent months in a pre-trial detention centre in Syktyvkar. Briefly at liberty at the end of 2023, he immediately took up the defence of other political prisoners. Today he is in custody again, in a pre-trial detention centre in Zelenograd. Even from there, he urges his comrades not to abandon those jailed for their convictions, and sees that help as an act of political solidarity.",
        "We answer him with the same solidarity. We demand:",
        [
          "- the immediate release of Boris Kagarlitsky;",
          "- an end to criminal prosecutions for anti-war statements;",
          "- freedom for everyone imprisoned for their words and beliefs.",
        ].join("\n"),
        "Sign this petition and share it with your colleagues. The more voices there are, the harder they are to ignore.",
      ),
      target: TARGET_RUSSIAN_AUTHORITIES.en,
    },
    fr: {
      status: "reviewed",
      title: "Liberté pour Boris Kagarlitsky",
      summary:
        "Le sociologue Boris Kagarlitsky est poursuivi pour avoir pris la parole contre la guerre. Nous exigeons sa libération et l'abandon des poursuites engagées contre lui.",
      body: md(
        "Universitaires, journalistes, syndicalistes, personnels de santé, et toutes celles et ceux qui tiennent à la liberté de pensée en Russie : nous exigeons la libération de Boris Kagarlitsky.",
        "Boris Kagarlitsky est un sociologue et théoricien marxiste de renommée internationale. Arrêté à Moscou le 25 juillet 2023, il est accusé d'« apologie du terrorisme » pour ses déclarations publiques contre la guerre en Ukraine, et encourt jusqu'à sept ans de prison. Autrement dit, un chercheur est poursuivi pour avoir exprimé son opinion.",
        "Il a déjà passé des mois en détention provisoire à Syktyvkar. Brièvement libre à la fin de 2023, il s'est aussitôt engagé pour la défense d'autres prisonniers politiques. Il est aujourd'hui de nouveau détenu, dans un centre de détention provisoire de Zelenograd. De là encore, il appelle ses camarades à ne pas abandonner celles et ceux qui sont emprisonnés pour leurs convictions, et voit dans cette aide un acte de solidarité politique.",
        "Nous lui répondons par la même solidarité. Nous exigeons :",
        [
          "- la libération immédiate de Boris Kagarlitsky ;",
          "- la fin des poursuites pénales pour des propos contre la guerre ;",
          "- la liberté pour toutes les personnes emprisonnées pour leurs paroles et leurs convictions.",
        ].join("\n"),
        "Signez cette pétition et faites-la connaître à vos collègues. Plus nos voix seront nombreuses, plus il sera difficile de les ignorer.",
      ),
      target: TARGET_RUSSIAN_AUTHORITIES.fr,
    },
  },
  groups: [
    group(GROUPS.scientists),
    group(GROUPS.journalists),
    group(GROUPS.trade_unionists),
    group(GROUPS.healthcare_workers),
    group(GROUPS.other),
  ],
  demoSignatures: 90,
};

const freeDariaKozyreva: DemoCampaign = {
  slug: "free-daria-kozyreva",
  kind: "petition",
  status: "open",
  canonicalLocale: "en",
  goal: 1000,
  openedAt: "2024-03-01", // a few days after her arrest on 24 February 2024
  prisoners: ["daria-kozyreva"],
  translations: {
    en: {
      status: "original",
      title: "Free Daria Kozyreva, jailed for a poem",
      summary:
        "Daria Kozyreva, a young anti-war activist in St Petersburg, was arrested on 24 February 2024 for attaching lines by Taras Shevchenko to his monument. We call for her release.",
      body: md(
        "Daria Kozyreva is a young woman from St Petersburg who has refused to stay silent about the war against Ukraine. On 24 February 2024 — two years to the day after the full-scale invasion began — she was arrested for attaching to the monument to Taras Shevchenko a sheet of paper bearing lines, in Ukrainian, from the poet's own “Testament”. She is now held in pre-trial detention.",
        "This is not the first time she has been punished for her views. In August 2022 she was charged with the administrative offence of “discrediting the army” for tearing down a recruitment poster. In January 2024 St Petersburg State University expelled her over a post mocking the official claim to “denazify” Ukraine. Because of that earlier administrative charge, a few lines of poetry now expose her to criminal prosecution.",
        "No one should go to prison for quoting a poet at his own monument. We call on the authorities of the Russian Federation:",
        [
          "- to release Daria Kozyreva and drop the criminal case against her;",
          "- to stop prosecuting people for peaceful anti-war expression under the “discrediting the army” laws.",
        ].join("\n"),
        "By signing, you also tell Daria that she is not alone.",
      ),
      target: TARGET_RUSSIAN_AUTHORITIES.en,
    },
    ru: {
      status: "reviewed",
      title: "Свободу Дарье Козыревой, арестованной за стихи",
      summary:
        "Молодую петербурженку Дарью Козыреву арестовали 24 февраля 2024 года за строки Тараса Шевченко, прикреплённые к его памятнику. Мы требуем её освобождения.",
      body: md(
        "Дарья Козырева — молодая жительница Петербурга, которая отказалась молчать о войне против Украины. 24 февраля 2024 года, ровно через два года после начала полномасштабного вторжения, её задержали за то, что она прикрепила к памятнику Тарасу Шевченко листок со строками из его «Завещания» на украинском языке. Сейчас она находится в СИЗО.",
        "Это не первое наказание за её взгляды. В августе 2022 года на неё составили протокол о «дискредитации армии» за сорванный вербовочный плакат. В январе 2024 года Санкт-Петербургский государственный университет отчислил её за пост, в котором она высмеивала официальные заявления о «денацификации» Украины. Из-за того прежнего протокола несколько стихотворных строк теперь грозят ей уголовным преследованием.",
        "Никто не должен попадать в тюрьму за то, что процитировал поэта у его же памятника. Мы призываем власти Российской Федерации:",
        [
          "- освободить Дарью Козыреву и прекратить уголовное дело против неё;",
          "- прекратить преследовать людей за мирные антивоенные высказывания по статьям о «дискредитации армии».",
        ].join("\n"),
        "Подписывая петицию, вы также говорите Дарье, что она не одна.",
      ),
      target: TARGET_RUSSIAN_AUTHORITIES.ru,
    },
    fr: {
      status: "reviewed",
      title: "Libérez Daria Kozyreva, emprisonnée pour un poème",
      summary:
        "Daria Kozyreva, jeune militante antiguerre de Saint-Pétersbourg, a été arrêtée le 24 février 2024 pour avoir fixé des vers de Taras Chevtchenko sur son monument. Nous demandons sa libération.",
      body: md(
        "Daria Kozyreva est une jeune femme de Saint-Pétersbourg qui a refusé de se taire face à la guerre contre l'Ukraine. Le 24 février 2024, deux ans jour pour jour après le début de l'invasion à grande échelle, elle a été arrêtée pour avoir fixé sur le monument à Taras Chevtchenko une feuille portant, en ukrainien, des vers du « Testament » du poète. Elle est aujourd'hui en détention provisoire.",
        "Ce n'est pas la première fois qu'elle est sanctionnée pour ses opinions. En août 2022, elle a fait l'objet d'une procédure administrative pour « discrédit de l'armée » après avoir arraché une affiche de recrutement. En janvier 2024, l'université d'État de Saint-Pétersbourg l'a exclue pour une publication raillant la prétendue « dénazification » de l'Ukraine. À cause de cette procédure antérieure, quelques vers l'exposent désormais à des poursuites pénales.",
        "Personne ne devrait aller en prison pour avoir cité un poète au pied de son propre monument. Nous demandons aux autorités de la Fédération de Russie :",
        [
          "- de libérer Daria Kozyreva et d'abandonner les poursuites pénales engagées contre elle ;",
          "- de cesser de poursuivre des personnes pour l'expression pacifique de leur opposition à la guerre au titre des lois sur le « discrédit de l'armée ».",
        ].join("\n"),
        "En signant, vous dites aussi à Daria qu'elle n'est pas seule.",
      ),
      target: TARGET_RUSSIAN_AUTHORITIES.fr,
    },
  },
  groups: [
    group(GROUPS.students),
    group(GROUPS.scientists),
    group(GROUPS.writers),
    group(GROUPS.journalists),
    group(GROUPS.other),
  ],
  demoSignatures: 40,
};

export const demoCampaigns: DemoCampaign[] = [freeAzatMiftakhov, releaseBorisKagarlitsky, freeDariaKozyreva];
