import type { AppMessages } from './app-en.js';

export const appEs: AppMessages = {
  clinrank: {
    app: { title: 'clinrank', language: 'Idioma' },
    menu: { work: 'Etiquetado', projects: 'Proyectos', users: 'Usuarios', progress: 'Progreso', disagreements: 'Desacuerdos', audit: 'Registro de auditoría', datasets: 'Conjuntos de datos', trainingRuns: 'Entrenamientos', evaluations: 'Evaluaciones', agreement: 'Acuerdo', trainingNodes: 'Nodos GPU' },
    ws: {
      title: 'Espacio de etiquetado', loading: 'Cargando la siguiente tarea…', empty: 'No hay tareas pendientes. ¡Gracias!', question: 'Pregunta', dialogue: 'Conversación',
      role_user: 'Paciente', role_assistant: 'Asistente', role_system: 'Sistema', answer: 'Respuesta %{label}', shown_first: 'mostrada primero', shown_second: 'mostrada segunda', criterion: 'Criterio',
      choice: { a: 'A es mejor', b: 'B es mejor', tie: 'Empate', both_bad: 'Ambas malas' },
      strength: { label: 'Intensidad', slightly: 'Algo', much: 'Mucho' },
      criteria: { verdict: 'Veredicto', overall: 'General', accuracy: 'Exactitud', helpfulness: 'Utilidad', safety: 'Seguridad', completeness: 'Exhaustividad', clarity: 'Claridad', empathy: 'Empatía' },
      flags: { label: 'Marcas', unsafe: 'Peligrosa', factual_error: 'Error factual', contains_phi: 'Datos del paciente', not_answerable: 'Sin respuesta posible', wrong_language: 'Idioma equivocado' },
      rationale: 'Justificación', rationale_required: 'Este proyecto exige una justificación.', rewrite: 'Reescribir la mejor respuesta', rewrite_hint: 'Opcional: una versión mejorada de la mejor respuesta',
      submit: 'Enviar', skip: 'Saltar', skip_title: 'Saltar esta tarea', skip_reason: 'Motivo',
      skip_reasons: { outside_expertise: 'Fuera de mi especialidad', unclear: 'Pregunta poco clara', language: 'No leo este idioma', other: 'Otro' },
      cancel: 'Cancelar', undo: 'Deshacer', undone: 'Último envío retirado', submitted: 'Guardado', help: 'Atajos de teclado', guidelines: 'Directrices', guidelines_version: 'Directrices v%{version}',
      done_today: 'Hechas hoy', remaining: 'Pendientes', timer: 'Tiempo en la tarea', retrying: 'Problema de conexión: su respuesta se conserva y se reenviará…', draft_restored: 'Se restauró su respuesta no enviada.',
      incomplete: 'Elija primero una respuesta para cada criterio.', lease_expired: 'Esta tarea caducó; se cargó una nueva.',
      rank: 'Puesto', ranking_hint: 'La mejor primero. Arrastre, o use ↑/↓ para elegir y Alt+↑/↓ para mover.', move_up: 'Subir', move_down: 'Bajar', tie_above: 'Empatar con la de arriba', untie: 'Desempatar', tied: 'empatada',
      rating_hint: 'Puntúe cada respuesta de %{min} a %{max}.', project: 'Proyecto', any_project: 'Cualquier proyecto',
      validation: { candidate: 'Respuesta candidata', verdict_label: 'Veredicto', verdict: { accept: 'Aceptar', reject: 'Rechazar', fix: 'Corregir' }, reasons_required: '¿Por qué se rechaza?', reasons_optional: '¿Qué estaba mal? (opcional)', reasons: { factually_incorrect: 'Error factual', unsafe: 'Consejo inseguro', incomplete: 'Incompleta', outdated: 'Desactualizada', off_topic: 'No responde a la pregunta', question_flawed: 'Pregunta defectuosa', wrong_language: 'Idioma equivocado', poorly_written: 'Mal redactada' }, fixed_text: 'Respuesta corregida', fixed_hint: 'Corrija la respuesta; sustituye a la candidata en las exportaciones. Esc sale del editor, Ctrl+Intro envía.', incomplete: 'Elija primero aceptar, rechazar o corregir.', reason_required: 'Elija al menos un motivo del rechazo.', fix_required: 'Escriba la respuesta corregida.', fix_unchanged: 'La respuesta corregida no ha cambiado: edítela, o acepte la candidata tal cual.' },
      keys: { verdict: 'Aceptar / rechazar / corregir (validación); E edita la respuesta corregida', reasons: 'Marcar / desmarcar un motivo (fila de motivos)', choose: 'A / B / empate / ambas malas en el criterio activo', strength: 'Algo / mucho', move: 'Criterio (o respuesta) anterior / siguiente', reorder: 'Subir / bajar la respuesta elegida', submit: 'Enviar', skip: 'Saltar (pide un motivo)', undo: 'Deshacer el último envío (2 minutos)', guidelines: 'Abrir las directrices', help: 'Mostrar esta ayuda' },
    },
    projects: {
      fields: { name: 'Nombre', slug: 'Identificador', kind: 'Tipo de tarea', criteria: 'Criterios', overlap: 'Etiquetas por elemento', goldRate: 'Tasa de control', languages: 'Idiomas', specialties: 'Especialidades', allowTies: 'Permitir empates', requireRationale: 'Exigir justificación', scaleMin: 'Escala mín.', scaleMax: 'Escala máx.', leaseSeconds: 'Reserva de tarea (s)', locked: 'Bloqueado', guidelines: 'Directrices (markdown)', guidelineVersion: 'Versión de las directrices' },
      import: 'Importar elementos', import_file: 'Archivo JSONL', strict: 'Todo o nada', import_run: 'Subir', import_report: 'Importados %{imported}, actualizados %{updated}, sin cambios %{unchanged}, rechazados %{rejected}',
      line: 'Línea', field: 'Campo', reason: 'Motivo', lock: 'Bloquear', unlock: 'Desbloquear', preview: 'Vista previa', edit_markdown: 'Escribir',
    },
    users: { fields: { username: 'Usuario', displayName: 'Nombre', role: 'Rol', languages: 'Idiomas', specialties: 'Especialidades', active: 'Activo', password: 'Contraseña' }, reset: 'Restablecer contraseña', new_password: 'Nueva contraseña', reset_done: 'Contraseña cambiada' },
    progress: { title: 'Progreso', items: 'Elementos', complete: 'Completos', pending: 'Pendientes', in_progress: 'En curso', labels: 'Etiquetas', per_day: 'Etiquetas por anotador y día', annotator: 'Anotador', today: 'Hoy', median: 'Tiempo mediano', skipped: 'Saltadas', choose_project: 'Elija un proyecto' },
    disagreements: { item: 'Elemento', choose_project: 'Elija un proyecto para ver los elementos cuyas etiquetas discrepan.', none_in_project: 'No hay desacuerdos en %{criterion}: las etiquetas de todos los elementos coinciden.', verdicts: { tie: 'Empate', both_bad: 'Ambas malas' }, next: 'Siguiente desacuerdo', next_none: 'No queda ningún otro desacuerdo por resolver.', start_from: 'Partir de:', saved_adjudication: 'Adjudicación guardada', title: 'Desacuerdos', agreement: 'Acuerdo', majority: 'Mayoría', adjudicated: 'Arbitrado', review: 'Revisar', adjudicate: 'Arbitrar', save: 'Guardar el arbitraje', saved: 'Arbitraje guardado', labels: 'Etiquetas', annotator: 'Anotador', display_order: 'Mostrado como' },
    audit: { title: 'Registro de auditoría', at: 'Cuándo', actor: 'Quién', action: 'Acción', entityType: 'Entidad', entityId: 'Id', from: 'Desde', to: 'Hasta', details: 'Detalles' },
  },
};
