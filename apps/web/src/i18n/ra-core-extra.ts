// React-Admin's own strings for the languages without an ra-language-* package: the visible ones are
// translated here; anything not listed falls back to English through deepMerge in i18n-provider.ts.
type Partial2 = Record<string, Record<string, string>>;

export const raZh: Partial2 = {
  auth: { auth_check_error: '请先登录', user_menu: '个人资料', username: '用户名', password: '密码', sign_in: '登录', sign_in_error: '登录失败，请重试', logout: '退出登录' },
  action: { add_filter: '添加筛选', add: '添加', back: '返回', cancel: '取消', clear_input_value: '清空', create: '新建', delete: '删除', edit: '编辑', export: '导出', list: '列表', refresh: '刷新', remove_filter: '移除筛选', remove: '移除', save: '保存', search: '搜索', show: '查看', sort: '排序', undo: '撤销', close: '关闭', open_menu: '打开菜单', close_menu: '关闭菜单', update: '更新', move_up: '上移', move_down: '下移', confirm: '确认', select_columns: '列' },
  navigation: { no_results: '没有找到%{name}', page_range_info: '%{offsetBegin}-%{offsetEnd}，共 %{total}', page_rows_per_page: '每页行数：', next: '下一页', previous: '上一页', skip_nav: '跳到内容', clear_filters: '清除筛选' },
  page: { create: '新建%{name}', dashboard: '概览', edit: '%{name} %{recordRepresentation}', error: '出错了', list: '%{name}', loading: '加载中', not_found: '未找到', show: '%{name} %{recordRepresentation}', empty: '还没有%{name}。', invite: '要新建一个吗？', access_denied: '无权访问' },
  message: { are_you_sure: '确定吗？', loading: '请稍候', no: '否', yes: '是', invalid_form: '表单无效，请检查错误', access_denied: '您没有访问此页面的权限', error: '客户端出错，请求未完成。' },
  notification: { updated: '已更新', created: '已创建', deleted: '已删除', item_doesnt_exist: '条目不存在', http_error: '服务器通信错误', data_provider_error: '数据错误，请查看控制台。', logged_out: '会话已结束，请重新登录。' },
  validation: { required: '必填', minValue: '不能小于 %{min}', maxValue: '不能大于 %{max}', number: '必须是数字' },
};

export const raAr: Partial2 = {
  auth: { auth_check_error: 'يرجى تسجيل الدخول للمتابعة', user_menu: 'الملف الشخصي', username: 'اسم المستخدم', password: 'كلمة المرور', sign_in: 'تسجيل الدخول', sign_in_error: 'فشل تسجيل الدخول، حاول مجددًا', logout: 'تسجيل الخروج' },
  action: { add_filter: 'إضافة عامل تصفية', add: 'إضافة', back: 'رجوع', cancel: 'إلغاء', clear_input_value: 'مسح', create: 'إنشاء', delete: 'حذف', edit: 'تعديل', export: 'تصدير', list: 'قائمة', refresh: 'تحديث', remove_filter: 'إزالة عامل التصفية', remove: 'إزالة', save: 'حفظ', search: 'بحث', show: 'عرض', sort: 'ترتيب', undo: 'تراجع', close: 'إغلاق', open_menu: 'فتح القائمة', close_menu: 'إغلاق القائمة', update: 'تحديث', move_up: 'إلى الأعلى', move_down: 'إلى الأسفل', confirm: 'تأكيد', select_columns: 'الأعمدة' },
  navigation: { no_results: 'لا توجد نتائج في %{name}', page_range_info: '%{offsetBegin}-%{offsetEnd} من %{total}', page_rows_per_page: 'عدد الصفوف في الصفحة:', next: 'الصفحة التالية', previous: 'الصفحة السابقة', skip_nav: 'انتقل إلى المحتوى', clear_filters: 'مسح عوامل التصفية' },
  page: { create: 'إنشاء %{name}', dashboard: 'لوحة المعلومات', edit: '%{name} %{recordRepresentation}', error: 'حدث خطأ ما', list: '%{name}', loading: 'جارٍ التحميل', not_found: 'غير موجود', show: '%{name} %{recordRepresentation}', empty: 'لا يوجد %{name} بعد.', invite: 'هل تريد إضافة واحد؟', access_denied: 'الوصول مرفوض' },
  message: { are_you_sure: 'هل أنت متأكد؟', loading: 'يرجى الانتظار', no: 'لا', yes: 'نعم', invalid_form: 'النموذج غير صالح، يرجى التحقق من الأخطاء', access_denied: 'ليست لديك صلاحية الوصول إلى هذه الصفحة', error: 'حدث خطأ ولم يكتمل طلبك.' },
  notification: { updated: 'تم التحديث', created: 'تم الإنشاء', deleted: 'تم الحذف', item_doesnt_exist: 'العنصر غير موجود', http_error: 'خطأ في الاتصال بالخادم', data_provider_error: 'خطأ في البيانات، راجع وحدة التحكم.', logged_out: 'انتهت جلستك، يرجى تسجيل الدخول مجددًا.' },
  validation: { required: 'مطلوب', minValue: 'يجب ألا يقل عن %{min}', maxValue: 'يجب ألا يزيد عن %{max}', number: 'يجب أن يكون رقمًا' },
};

export const raIt: Partial2 = {
  auth: { auth_check_error: 'Accedi per continuare', user_menu: 'Profilo', username: 'Nome utente', password: 'Password', sign_in: 'Accedi', sign_in_error: 'Autenticazione fallita, riprova', logout: 'Esci' },
  action: { add_filter: 'Aggiungi filtro', add: 'Aggiungi', back: 'Indietro', cancel: 'Annulla', clear_input_value: 'Svuota', create: 'Crea', delete: 'Elimina', edit: 'Modifica', export: 'Esporta', list: 'Elenco', refresh: 'Aggiorna', remove_filter: 'Rimuovi filtro', remove: 'Rimuovi', save: 'Salva', search: 'Cerca', show: 'Mostra', sort: 'Ordina', undo: 'Annulla', close: 'Chiudi', open_menu: 'Apri menu', close_menu: 'Chiudi menu', update: 'Aggiorna', move_up: 'Su', move_down: 'Giù', confirm: 'Conferma', select_columns: 'Colonne' },
  navigation: { no_results: 'Nessun %{name} trovato', page_range_info: '%{offsetBegin}-%{offsetEnd} di %{total}', page_rows_per_page: 'Righe per pagina:', next: 'Pagina successiva', previous: 'Pagina precedente', skip_nav: 'Vai al contenuto', clear_filters: 'Azzera filtri' },
  page: { create: 'Crea %{name}', dashboard: 'Cruscotto', edit: '%{name} %{recordRepresentation}', error: 'Qualcosa è andato storto', list: '%{name}', loading: 'Caricamento', not_found: 'Non trovato', show: '%{name} %{recordRepresentation}', empty: 'Ancora nessun %{name}.', invite: 'Vuoi aggiungerne uno?', access_denied: 'Accesso negato' },
  message: { are_you_sure: 'Sei sicuro?', loading: 'Attendere', no: 'No', yes: 'Sì', invalid_form: 'Il modulo non è valido, controlla gli errori', access_denied: 'Non hai i permessi per questa pagina', error: 'Si è verificato un errore e la richiesta non è stata completata.' },
  notification: { updated: 'Aggiornato', created: 'Creato', deleted: 'Eliminato', item_doesnt_exist: "L'elemento non esiste", http_error: 'Errore di comunicazione con il server', data_provider_error: 'Errore nei dati, vedi la console.', logged_out: 'La sessione è terminata, accedi di nuovo.' },
  validation: { required: 'Obbligatorio', minValue: 'Deve essere almeno %{min}', maxValue: 'Deve essere al massimo %{max}', number: 'Deve essere un numero' },
};

export const raEs: Partial2 = {
  auth: { auth_check_error: 'Inicie sesión para continuar', user_menu: 'Perfil', username: 'Usuario', password: 'Contraseña', sign_in: 'Iniciar sesión', sign_in_error: 'La autenticación falló, inténtelo de nuevo', logout: 'Cerrar sesión' },
  action: { add_filter: 'Añadir filtro', add: 'Añadir', back: 'Volver', cancel: 'Cancelar', clear_input_value: 'Limpiar', create: 'Crear', delete: 'Eliminar', edit: 'Editar', export: 'Exportar', list: 'Lista', refresh: 'Actualizar', remove_filter: 'Quitar filtro', remove: 'Quitar', save: 'Guardar', search: 'Buscar', show: 'Ver', sort: 'Ordenar', undo: 'Deshacer', close: 'Cerrar', open_menu: 'Abrir menú', close_menu: 'Cerrar menú', update: 'Actualizar', move_up: 'Subir', move_down: 'Bajar', confirm: 'Confirmar', select_columns: 'Columnas' },
  navigation: { no_results: 'No se encontraron %{name}', page_range_info: '%{offsetBegin}-%{offsetEnd} de %{total}', page_rows_per_page: 'Filas por página:', next: 'Página siguiente', previous: 'Página anterior', skip_nav: 'Ir al contenido', clear_filters: 'Quitar filtros' },
  page: { create: 'Crear %{name}', dashboard: 'Panel', edit: '%{name} %{recordRepresentation}', error: 'Algo salió mal', list: '%{name}', loading: 'Cargando', not_found: 'No encontrado', show: '%{name} %{recordRepresentation}', empty: 'Aún no hay %{name}.', invite: '¿Desea añadir uno?', access_denied: 'Acceso denegado' },
  message: { are_you_sure: '¿Está seguro?', loading: 'Espere, por favor', no: 'No', yes: 'Sí', invalid_form: 'El formulario no es válido, revise los errores', access_denied: 'No tiene permiso para ver esta página', error: 'Ocurrió un error y no se completó la solicitud.' },
  notification: { updated: 'Actualizado', created: 'Creado', deleted: 'Eliminado', item_doesnt_exist: 'El elemento no existe', http_error: 'Error de comunicación con el servidor', data_provider_error: 'Error de datos, vea la consola.', logged_out: 'Su sesión terminó, vuelva a iniciar sesión.' },
  validation: { required: 'Obligatorio', minValue: 'Debe ser al menos %{min}', maxValue: 'Debe ser como máximo %{max}', number: 'Debe ser un número' },
};
