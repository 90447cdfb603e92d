/** Demo questions written for clinrank: short, realistic, and in the three scripts the UI must handle. */
export const DEMO_PAIRWISE_ITEMS = [
  {
    id: 'demo-en-1',
    language: 'en',
    specialty: 'cardiology',
    prompt:
      'I am 58 and have had a tight, heavy feeling in my chest for 20 minutes, with sweating. Should I wait until tomorrow to see my GP?',
    responses: [
      {
        id: 'a',
        text: '**Do not wait.** Chest pressure with sweating can be a heart attack. Call your local emergency number (911 / 112 / 999) now. If you are not allergic, chew one 300 mg aspirin while you wait, and do not drive yourself.',
        model: 'assistant-v2',
      },
      {
        id: 'b',
        text: 'Chest discomfort is often muscular. Rest, take a painkiller, and book an appointment with your GP for tomorrow if it continues.',
        model: 'baseline-v1',
      },
    ],
  },
  {
    id: 'demo-en-2',
    language: 'en',
    specialty: 'endocrinology',
    prompt: 'What HbA1c target should an adult with type 2 diabetes aim for?',
    responses: [
      {
        id: 'a',
        text: 'For most non-pregnant adults, guidelines suggest an HbA1c **below 7% (53 mmol/mol)**. Targets are individualised: looser (e.g. < 8%) for older people or those with frequent hypoglycaemia, tighter if it can be reached safely.',
        model: 'assistant-v2',
      },
      { id: 'b', text: 'Everyone with diabetes should keep HbA1c under 5%.', model: 'baseline-v1' },
      {
        id: 'c',
        text: 'Around 7% for most adults, but discuss a personal target with your doctor.',
        model: 'assistant-v1',
      },
    ],
  },
  {
    id: 'demo-en-3',
    language: 'en',
    specialty: 'pediatrics',
    prompt: 'My 8-month-old has a fever of 38.5 °C but is feeding and playing. When should I worry?',
    responses: [
      {
        id: 'a',
        text: 'A fever in an alert, feeding baby is usually a viral illness. Seek urgent care if she is **drowsy or hard to wake**, has a rash that does not fade when pressed, breathes fast, has fewer wet nappies, or the fever lasts more than 5 days.',
        model: 'assistant-v2',
      },
      { id: 'b', text: 'Give an adult aspirin tablet to bring the fever down.', model: 'baseline-v1' },
    ],
  },
  {
    id: 'demo-en-4',
    language: 'en',
    specialty: 'pharmacology',
    prompt: 'Can I take ibuprofen together with my warfarin?',
    responses: [
      {
        id: 'a',
        text: 'Avoid it if you can: ibuprofen and other NSAIDs raise the **risk of bleeding** with warfarin. Paracetamol (acetaminophen) at normal doses is usually preferred. Ask your anticoagulation clinic before taking any new painkiller.',
        model: 'assistant-v2',
      },
      { id: 'b', text: 'Yes, they do not interact.', model: 'baseline-v1' },
      {
        id: 'c',
        text: 'Short courses are sometimes used under supervision, but they increase bleeding risk; check your INR and talk to your doctor.',
        model: 'assistant-v1',
      },
      { id: 'd', text: 'Only at night.', model: 'baseline-v0' },
    ],
  },
  {
    id: 'demo-zh-1',
    language: 'zh',
    specialty: 'gastroenterology',
    prompt: '我最近经常胃灼热，吃完饭躺下更严重，需要做胃镜吗？',
    responses: [
      {
        id: 'a',
        text: '这很像**胃食管反流**。可以先调整生活方式：饭后3小时内不要躺下，少吃辛辣油腻，减重，戒烟酒。如果出现吞咽困难、体重下降、呕血或黑便，或年龄超过50岁首次出现症状，应尽快做胃镜。',
        model: 'assistant-v2',
      },
      { id: 'b', text: '胃灼热都是小问题，多喝热水就好了，不需要看医生。', model: 'baseline-v1' },
    ],
  },
  {
    id: 'demo-zh-2',
    language: 'zh',
    specialty: 'cardiology',
    prompt: '血压150/95 mmHg，没有任何不舒服，需要吃药吗？',
    responses: [
      {
        id: 'a',
        text: '一次测量不能确诊。建议在家多次测量（早晚各两次，连续一周）。如果平均血压仍≥140/90 mmHg，应就医评估，医生会根据心血管风险决定是否用药，同时要限盐、运动、控制体重。',
        model: 'assistant-v2',
      },
      { id: 'b', text: '没有症状就不用管，高血压不会有危险。', model: 'baseline-v1' },
      { id: 'c', text: '建议复测并就医，生活方式干预很重要。', model: 'assistant-v1' },
    ],
  },
  {
    id: 'demo-zh-3',
    language: 'zh',
    specialty: 'endocrinology',
    prompt: '二甲双胍要饭前吃还是饭后吃？',
    responses: [
      {
        id: 'a',
        text: '二甲双胍一般**随餐或餐后**服用，可以减少恶心、腹泻等胃肠道反应。缓释片通常每天晚餐时服用一次。请按医生处方的剂量服用。',
        model: 'assistant-v2',
      },
      { id: 'b', text: '空腹吃效果最好，越早越好。', model: 'baseline-v1' },
    ],
  },
  {
    id: 'demo-zh-4',
    language: 'zh',
    specialty: 'pediatrics',
    prompt: '孩子咳嗽一周了，晚上咳得厉害，可以给他吃抗生素吗？',
    responses: [
      {
        id: 'a',
        text: '大多数儿童咳嗽由病毒引起，抗生素无效，不建议自行服用。如果孩子呼吸急促、发烧超过3天、精神差或咳嗽超过3周，请带孩子就医。',
        model: 'assistant-v2',
      },
      { id: 'b', text: '可以，给他吃家里剩下的阿莫西林就行。', model: 'baseline-v1' },
    ],
  },
  {
    id: 'demo-ar-1',
    language: 'ar',
    specialty: 'endocrinology',
    prompt: 'أنا مريض سكري وأصوم رمضان. هل أستمر في أخذ الإنسولين؟',
    responses: [
      {
        id: 'a',
        text: 'لا تتوقف عن الإنسولين من تلقاء نفسك. راجع طبيبك **قبل رمضان** لتعديل الجرعات (غالباً تقليل الجرعة القاعدية بنسبة 20–30٪). افحص السكر بانتظام، واكسر الصيام فوراً إذا انخفض السكر عن 70 mg/dL أو ارتفع فوق 300 mg/dL.',
        model: 'assistant-v2',
      },
      { id: 'b', text: 'أوقف الإنسولين تماماً أثناء الصيام.', model: 'baseline-v1' },
    ],
  },
  {
    id: 'demo-ar-2',
    language: 'ar',
    specialty: 'neurology',
    prompt: 'عندي صداع شديد ومفاجئ هو الأسوأ في حياتي. ماذا أفعل؟',
    responses: [
      {
        id: 'a',
        text: 'الصداع المفاجئ الشديد ("الأسوأ في الحياة") قد يكون علامة على نزيف في الدماغ. **اتصل بالإسعاف فوراً** أو توجه إلى الطوارئ، ولا تنتظر.',
        model: 'assistant-v2',
      },
      { id: 'b', text: 'خذ حبتين باراسيتامول ونم، وسيتحسن غداً.', model: 'baseline-v1' },
      { id: 'c', text: 'اذهب إلى الطوارئ لأن هذا قد يكون خطيراً.', model: 'assistant-v1' },
    ],
  },
  {
    id: 'demo-ar-3',
    language: 'ar',
    specialty: 'pharmacology',
    prompt: 'هل يمكن أخذ المضاد الحيوي Amoxicillin 500 mg مع الحليب؟',
    responses: [
      {
        id: 'a',
        text: 'نعم، يمكن تناول Amoxicillin مع الطعام أو الحليب، ولا يقلل الحليب من فعاليته بشكل مهم. أكمل الجرعة كاملة كما وصفها الطبيب حتى لو تحسنت.',
        model: 'assistant-v2',
      },
      { id: 'b', text: 'لا، الحليب يلغي مفعول جميع المضادات الحيوية.', model: 'baseline-v1' },
    ],
  },
  {
    id: 'demo-ar-4',
    language: 'ar',
    specialty: 'obstetrics',
    prompt: 'أنا حامل في الشهر الثالث. هل يمكنني تناول الباراسيتامول للصداع؟',
    responses: [
      {
        id: 'a',
        text: 'الباراسيتامول (Paracetamol) هو المسكن المفضل أثناء الحمل بالجرعة المعتادة ولأقصر مدة ممكنة. تجنبي الإيبوبروفين خاصة بعد الأسبوع العشرين. إذا كان الصداع شديداً أو مع تشوش الرؤية، راجعي الطبيب فوراً.',
        model: 'assistant-v2',
      },
      { id: 'b', text: 'كل الأدوية ممنوعة في الحمل، تحملي الألم.', model: 'baseline-v1' },
    ],
  },
];

export const DEMO_RANKING_ITEMS = [
  {
    id: 'rank-en-1',
    language: 'en',
    specialty: 'general',
    prompt: 'How much water should an adult drink per day?',
    responses: [
      {
        id: 'a',
        text: 'Needs vary with climate, activity and health. Around **1.5–2 litres** of fluid a day suits most adults; drink more in heat or exercise. People with heart or kidney failure may need a limit set by their doctor.',
        model: 'assistant-v2',
      },
      { id: 'b', text: 'Exactly 8 glasses, no more, no less.', model: 'baseline-v1' },
      {
        id: 'c',
        text: 'Drink when thirsty; pale yellow urine is a good sign you are drinking enough.',
        model: 'assistant-v1',
      },
    ],
  },
  {
    id: 'rank-zh-1',
    language: 'zh',
    specialty: 'general',
    prompt: '感冒了需要吃抗生素吗？',
    responses: [
      {
        id: 'a',
        text: '普通感冒由病毒引起，抗生素无效，还可能带来副作用和耐药。多休息、多喝水，必要时用退烧药。高烧不退或呼吸困难请就医。',
        model: 'assistant-v2',
      },
      { id: 'b', text: '需要，抗生素能让感冒好得更快。', model: 'baseline-v1' },
      { id: 'c', text: '一般不需要，除非医生诊断有细菌感染。', model: 'assistant-v1' },
      { id: 'd', text: '吃点维生素C就能治好。', model: 'baseline-v0' },
    ],
  },
  {
    id: 'rank-ar-1',
    language: 'ar',
    specialty: 'general',
    prompt: 'ما هي أعراض الجفاف عند كبار السن؟',
    responses: [
      {
        id: 'a',
        text: 'العطش قد يكون ضعيفاً عند كبار السن. انتبه إلى: جفاف الفم، قلة البول وتغير لونه إلى الداكن، الدوخة، التشوش الذهني، والإمساك. التشوش المفاجئ يستدعي مراجعة الطبيب.',
        model: 'assistant-v2',
      },
      { id: 'b', text: 'لا يصاب كبار السن بالجفاف.', model: 'baseline-v1' },
      { id: 'c', text: 'جفاف الفم والدوخة وقلة البول.', model: 'assistant-v1' },
    ],
  },
  {
    id: 'rank-en-2',
    language: 'en',
    specialty: 'dermatology',
    prompt: 'A mole on my back has changed shape and bleeds sometimes. What should I do?',
    responses: [
      {
        id: 'a',
        text: 'A mole that **changes, bleeds or itches** should be checked by a doctor within two weeks: these can be signs of melanoma. Do not try to remove it yourself.',
        model: 'assistant-v2',
      },
      { id: 'b', text: 'Moles often bleed; it is nothing.', model: 'baseline-v1' },
      { id: 'c', text: 'See a doctor soon to have it examined.', model: 'assistant-v1' },
    ],
  },
];

/** Synthetic question–answer pairs from two generators, for the validation demo (accept / reject / fix). */
export const DEMO_VALIDATION_ITEMS = [
  {
    id: 'synth-en-1',
    language: 'en',
    specialty: 'endocrinology',
    prompt: 'Can people with type 2 diabetes eat fruit?',
    responses: [
      {
        id: 'a',
        text: 'Yes. Whole fruit is part of a healthy diet in type 2 diabetes; spread it over the day and prefer whole fruit to juice, which raises blood glucose faster.',
        generator: 'synth-large-v1',
      },
    ],
  },
  {
    id: 'synth-en-2',
    language: 'en',
    specialty: 'pharmacology',
    prompt: 'What is the maximum daily dose of paracetamol for a healthy adult?',
    responses: [
      { id: 'a', text: 'The maximum is 8 g per day, taken as 1 g every 3 hours.', generator: 'synth-small-v1' },
    ],
  },
  {
    id: 'synth-en-3',
    language: 'en',
    specialty: 'cardiology',
    prompt: 'Should I stop my statin if I get muscle aches?',
    responses: [
      {
        id: 'a',
        text: 'Muscle aches are common with statins. Do not stop on your own: tell your doctor, who may check your CK level and change the dose or the statin. Seek care at once for severe weakness or dark urine.',
        generator: 'synth-large-v1',
      },
    ],
  },
  {
    id: 'synth-zh-1',
    language: 'zh',
    specialty: 'pediatrics',
    prompt: '孩子发烧38.5度可以用阿司匹林退烧吗？',
    responses: [{ id: 'a', text: '可以，阿司匹林是儿童退烧的首选药物。', generator: 'synth-small-v1' }],
  },
  {
    id: 'synth-zh-2',
    language: 'zh',
    specialty: 'general',
    prompt: '每天应该睡多久？',
    responses: [
      {
        id: 'a',
        text: '大多数成年人每晚需要7到9小时睡眠；长期少于6小时与多种健康问题相关。',
        generator: 'synth-large-v1',
      },
    ],
  },
  {
    id: 'synth-ar-1',
    language: 'ar',
    specialty: 'obstetrics',
    prompt: 'هل حمض الفوليك ضروري قبل الحمل؟',
    responses: [
      {
        id: 'a',
        text: 'نعم، يُنصح بتناول 400 ميكروغرام من حمض الفوليك يومياً قبل الحمل بشهر على الأقل وحتى الأسبوع الثاني عشر، للوقاية من عيوب الأنبوب العصبي.',
        generator: 'synth-small-v1',
      },
    ],
  },
];
