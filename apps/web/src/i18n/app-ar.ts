import type { AppMessages } from './app-en.js';

export const appAr: AppMessages = {
  clinrank: {
    app: { title: 'clinrank', language: 'اللغة' },
    menu: { work: 'التوسيم', projects: 'المشاريع', users: 'المستخدمون', progress: 'التقدم', disagreements: 'الخلافات', audit: 'سجل التدقيق', datasets: 'مجموعات البيانات', trainingRuns: 'عمليات التدريب', evaluations: 'التقييمات', agreement: 'الاتفاق', trainingNodes: 'عُقد GPU' },
    ws: {
      title: 'مساحة التوسيم', loading: 'جارٍ تحميل المهمة التالية…', empty: 'لا توجد مهام بانتظارك. شكرًا لك!', question: 'السؤال', dialogue: 'المحادثة',
      role_user: 'المريض', role_assistant: 'المساعد', role_system: 'النظام', answer: 'الإجابة %{label}', shown_first: 'عُرضت أولًا', shown_second: 'عُرضت ثانيًا', criterion: 'المعيار',
      choice: { a: 'A أفضل', b: 'B أفضل', tie: 'متعادلتان', both_bad: 'كلتاهما سيئة' },
      strength: { label: 'الدرجة', slightly: 'قليلًا', much: 'كثيرًا' },
      criteria: { verdict: 'الحكم', overall: 'إجمالي', accuracy: 'الدقة', helpfulness: 'الفائدة', safety: 'السلامة', completeness: 'الاكتمال', clarity: 'الوضوح', empathy: 'التعاطف' },
      flags: { label: 'إشارات', unsafe: 'غير آمنة', factual_error: 'خطأ في المعلومات', contains_phi: 'بيانات مريض', not_answerable: 'لا يمكن الإجابة', wrong_language: 'لغة خاطئة' },
      rationale: 'التعليل', rationale_required: 'هذا المشروع يتطلب تعليلًا.', rewrite: 'أعد كتابة الإجابة الأفضل', rewrite_hint: 'اختياري: نسخة محسّنة من الإجابة الأفضل',
      submit: 'إرسال', skip: 'تخطٍّ', skip_title: 'تخطي هذه المهمة', skip_reason: 'السبب',
      skip_reasons: { outside_expertise: 'خارج تخصصي', unclear: 'السؤال غير واضح', language: 'لا أقرأ هذه اللغة', other: 'آخر' },
      cancel: 'إلغاء', undo: 'تراجع', undone: 'تم سحب الإرسال الأخير', submitted: 'تم الحفظ', help: 'اختصارات لوحة المفاتيح', guidelines: 'الإرشادات', guidelines_version: 'الإرشادات الإصدار %{version}',
      done_today: 'أُنجز اليوم', remaining: 'المتبقي', timer: 'الوقت على المهمة', retrying: 'مشكلة في الاتصال: إجابتك محفوظة وستُرسل مجددًا…', draft_restored: 'تمت استعادة إجابتك غير المرسلة.',
      incomplete: 'اختر إجابة لكل معيار أولًا.', lease_expired: 'انتهت صلاحية هذه المهمة؛ تم تحميل مهمة جديدة.',
      rank: 'الترتيب', ranking_hint: 'الأفضل أولًا. اسحب، أو استخدم ↑/↓ للاختيار وAlt+↑/↓ للنقل.', move_up: 'إلى الأعلى', move_down: 'إلى الأسفل', tie_above: 'تعادل مع التي فوقها', untie: 'فك التعادل', tied: 'متعادلة',
      rating_hint: 'قيّم كل إجابة من %{min} إلى %{max}.', project: 'المشروع', any_project: 'أي مشروع',
      validation: { candidate: 'الإجابة المرشّحة', verdict_label: 'الحكم', verdict: { accept: 'قبول', reject: 'رفض', fix: 'تصحيح' }, reasons_required: 'لماذا رُفضت؟', reasons_optional: 'ما الخطأ؟ (اختياري)', reasons: { factually_incorrect: 'خطأ في المعلومات', unsafe: 'نصيحة غير آمنة', incomplete: 'غير مكتملة', outdated: 'قديمة', off_topic: 'لا تجيب عن السؤال', question_flawed: 'السؤال نفسه معيب', wrong_language: 'لغة خاطئة', poorly_written: 'صياغة ضعيفة' }, fixed_text: 'الإجابة المصحّحة', fixed_hint: 'عدّل الإجابة حتى تصبح صحيحة؛ تحلّ محلّ الإجابة المرشّحة عند التصدير. Esc للخروج من المحرّر، Ctrl+Enter للإرسال.', incomplete: 'اختر القبول أو الرفض أو التصحيح أولًا.', reason_required: 'اختر سببًا واحدًا على الأقل للرفض.', fix_required: 'اكتب الإجابة المصحّحة.', fix_unchanged: 'الإجابة المصحّحة لم تتغيّر: عدّلها، أو اقبل الإجابة كما هي.' },
      keys: { verdict: 'قبول / رفض / تصحيح (مهام التحقق)؛ E لتحرير الإجابة المصحّحة', reasons: 'تبديل سبب (في صف الأسباب)', choose: 'A / B / تعادل / كلتاهما سيئة للمعيار المحدد', strength: 'قليلًا / كثيرًا', move: 'المعيار (أو الإجابة) السابق / التالي', reorder: 'انقل الإجابة المحددة لأعلى / لأسفل', submit: 'إرسال', skip: 'تخطٍّ (يطلب سببًا)', undo: 'تراجع عن الإرسال الأخير (دقيقتان)', guidelines: 'افتح الإرشادات', help: 'اعرض هذه المساعدة' },
    },
    projects: {
      fields: { name: 'الاسم', slug: 'المعرّف', kind: 'نوع المهمة', criteria: 'المعايير', overlap: 'عدد التوسيمات لكل عنصر', goldRate: 'نسبة العناصر المرجعية', languages: 'اللغات', specialties: 'التخصصات', allowTies: 'السماح بالتعادل', requireRationale: 'اشتراط التعليل', scaleMin: 'أدنى المقياس', scaleMax: 'أعلى المقياس', leaseSeconds: 'مدة حجز المهمة (ث)', locked: 'مقفل', guidelines: 'الإرشادات (Markdown)', guidelineVersion: 'إصدار الإرشادات' },
      import: 'استيراد العناصر', import_file: 'ملف JSONL', strict: 'الكل أو لا شيء', import_run: 'رفع', import_report: 'مستورد %{imported}، محدّث %{updated}، دون تغيير %{unchanged}، مرفوض %{rejected}',
      line: 'السطر', field: 'الحقل', reason: 'السبب', lock: 'قفل', unlock: 'فتح', preview: 'معاينة', edit_markdown: 'كتابة',
    },
    users: { fields: { username: 'اسم المستخدم', displayName: 'الاسم', role: 'الدور', languages: 'اللغات', specialties: 'التخصصات', active: 'نشط', password: 'كلمة المرور' }, reset: 'إعادة تعيين كلمة المرور', new_password: 'كلمة مرور جديدة', reset_done: 'تم تغيير كلمة المرور' },
    progress: { title: 'التقدم', items: 'العناصر', complete: 'مكتملة', pending: 'معلّقة', in_progress: 'قيد التنفيذ', labels: 'التوسيمات', per_day: 'التوسيمات لكل موسِّم يوميًا', annotator: 'الموسِّم', today: 'اليوم', median: 'الوقت الوسيط', skipped: 'المتخطاة', choose_project: 'اختر مشروعًا' },
    disagreements: { item: 'العنصر', choose_project: 'اختر مشروعًا لعرض العناصر التي تختلف توسيماتها.', none_in_project: 'لا خلافات على %{criterion}: توسيمات كل عنصر متفقة.', verdicts: { tie: 'تعادل', both_bad: 'كلتاهما سيئة' }, next: 'الخلاف التالي', next_none: 'لا يوجد خلاف آخر بانتظار الحسم.', start_from: 'ابدأ من:', saved_adjudication: 'التحكيم المحفوظ', title: 'الخلافات', agreement: 'الاتفاق', majority: 'الأغلبية', adjudicated: 'تم الحسم', review: 'مراجعة', adjudicate: 'حسم', save: 'حفظ الحسم', saved: 'تم حفظ الحسم', labels: 'التوسيمات', annotator: 'الموسِّم', display_order: 'عُرض كـ' },
    audit: { object: 'الكائن', changes: 'ما الذي تغيّر', export_csv: 'تصدير CSV', export_truncated: 'يحتوي ملف CSV على أحدث %{rows} من أصل %{total} إدخالًا؛ ضيّق عوامل التصفية لبقية الإدخالات.', types: { project: 'مشروع', user: 'مستخدم', item: 'عنصر', label: 'توسيم', assignment: 'مهمة', dataset_snapshot: 'لقطة بيانات', training_run: 'عملية تدريب', audit_log: 'سجل التدقيق' }, title: 'سجل التدقيق', at: 'متى', actor: 'من', action: 'الإجراء', entityType: 'الكيان', entityId: 'المعرّف', from: 'من', to: 'إلى', details: 'التفاصيل' },
  },
};
