import { textsByKey } from '../../lib/i18n'
import { words } from '../../lib/words'

/**
 * Files in messages: attachments being written, uploads, voice notes, the image viewer. Each key's Russian
 * and English side by side.
 */
export const fileTexts = textsByKey({
  close: words.close,
  attachments: { ru: 'Вложения', en: 'Attachments' },
  uploadingFile: { ru: 'Загрузка: {name}', en: 'Uploading: {name}' },
  cancelUpload: { ru: 'Отменить загрузку: {name}', en: 'Cancel upload: {name}' },
  removeAttachment: { ru: 'Убрать вложение: {name}', en: 'Remove attachment: {name}' },
  uploadTooLarge: {
    ru: 'Файл больше {max}, такой загрузить нельзя.',
    en: 'The file is larger than {max} and cannot be uploaded.',
  },
  openImage: { ru: 'Открыть изображение: {name}', en: 'Open image: {name}' },
  imageViewer: { ru: 'Просмотр изображения', en: 'Image viewer' },
  download: { ru: 'Скачать', en: 'Download' },
  previousImage: { ru: 'Предыдущее изображение', en: 'Previous image' },
  nextImage: { ru: 'Следующее изображение', en: 'Next image' },
  imageCounter: { ru: '{index} из {count}', en: '{index} of {count}' },
  fileLink: { ru: '{name}, {size}', en: '{name}, {size}' },
  voiceMessage: { ru: 'Голосовое сообщение', en: 'Voice message' },
  voicePlay: { ru: 'Воспроизвести голосовое сообщение', en: 'Play voice message' },
  voicePause: { ru: 'Пауза', en: 'Pause' },
  voiceSeek: { ru: 'Перемотка голосового сообщения', en: 'Voice message position' },
  voicePosition: { ru: '{current} из {total}', en: '{current} of {total}' },
  recordVoice: { ru: 'Записать голосовое', en: 'Record a voice message' },
  recording: { ru: 'Идёт запись', en: 'Recording' },
  recordingTime: { ru: 'Время записи', en: 'Recording time' },
  recordingLevel: { ru: 'Громкость', en: 'Volume' },
  stopAndSend: { ru: 'Остановить и отправить', en: 'Stop and send' },
  cancelRecording: { ru: 'Отменить запись', en: 'Cancel recording' },
  sendingVoice: { ru: 'Отправляем голосовое сообщение…', en: 'Sending the voice message…' },
  sendAgain: { ru: 'Отправить ещё раз', en: 'Send again' },
  micStarting: { ru: 'Включаем микрофон…', en: 'Turning the microphone on…' },
  micDenied: {
    ru: 'Нет доступа к микрофону. Разрешите его для этого сайта в настройках браузера и попробуйте снова.',
    en: 'No access to the microphone. Allow it for this site in the browser settings and try again.',
  },
  micMissing: {
    ru: 'Микрофон не найден. Подключите его и попробуйте снова.',
    en: 'No microphone found. Connect one and try again.',
  },
  micBusy: {
    ru: 'Микрофон занят другой программой. Закройте её и попробуйте снова.',
    en: 'Another program is using the microphone. Close it and try again.',
  },
  micUnsupported: { ru: 'Этот браузер не умеет записывать звук.', en: 'This browser cannot record sound.' },
  micInsecure: {
    ru: 'Запись голоса работает только при защищённом подключении (https).',
    en: 'Voice recording works only over a secure connection (https).',
  },
  micFailed: { ru: 'Не удалось включить микрофон.', en: 'Could not turn the microphone on.' },
  recordingEmpty: { ru: 'Запись не получилась. Попробуйте ещё раз.', en: 'Nothing was recorded. Please try again.' },
})

export type FileKey = keyof typeof fileTexts.ru
