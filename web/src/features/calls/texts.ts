import { textsByKey } from '../../lib/i18n'
import { words } from '../../lib/words'

/**
 * Calls: the buttons that start one, the incoming call, the call screen. (The notes calls leave in the chat are the
 * messages feature's.) Each key's Russian and English side by side.
 */
export const callTexts = textsByKey({
  call: { ru: 'Позвонить', en: 'Call' },
  videoCall: words.videoCall,
  incomingCall: { ru: 'Входящий звонок', en: 'Incoming call' },
  incomingVideoCall: { ru: 'Входящий видеозвонок', en: 'Incoming video call' },
  accept: words.accept,
  acceptWithoutVideo: { ru: 'Принять без видео', en: 'Accept without video' },
  decline: words.decline,
  missedFrom: { ru: 'Пропущенный звонок: {name}', en: 'Missed call from {name}' },
  dismiss: words.dismiss,
  close: words.close,
  preparing: { ru: 'Включаем микрофон…', en: 'Turning the microphone on…' },
  preparingVideo: { ru: 'Включаем камеру и микрофон…', en: 'Turning the camera and microphone on…' },
  calling: { ru: 'Звоним…', en: 'Calling…' },
  connecting: { ru: 'Соединение…', en: 'Connecting…' },
  active: { ru: 'Идёт звонок', en: 'On the call' },
  interrupted: { ru: 'Связь прервалась, восстанавливаем…', en: 'Connection lost, restoring it…' },
  failed: { ru: 'Не удалось соединиться', en: 'Could not connect' },
  ended: words.callEnded,
  declined: words.callDeclined,
  noAnswer: { ru: 'Нет ответа', en: 'No answer' },
  busy: { ru: 'Занято', en: 'Busy' },
  notPlaced: { ru: 'Не удалось позвонить', en: 'Could not call' },
  inProgress: { ru: 'Уже идёт звонок', en: 'A call is in progress' },
  join: { ru: 'Присоединиться', en: 'Join' },
  duration: { ru: 'Длительность звонка', en: 'Call duration' },
  controls: { ru: 'Управление звонком', en: 'Call controls' },
  mute: { ru: 'Выключить микрофон', en: 'Mute the microphone' },
  cameraOff: { ru: 'Выключить камеру', en: 'Turn the camera off' },
  switchCamera: { ru: 'Сменить камеру', en: 'Switch camera' },
  devices: { ru: 'Выбрать микрофон и камеру', en: 'Choose microphone and camera' },
  microphone: { ru: 'Микрофон', en: 'Microphone' },
  camera: { ru: 'Камера', en: 'Camera' },
  device: { ru: 'Устройство {number}', en: 'Device {number}' },
  hangUp: { ru: 'Завершить звонок', en: 'End call' },
  yourVideo: { ru: 'Ваше видео', en: 'Your video' },
  theirVideo: { ru: 'Видео: {name}', en: 'Video: {name}' },
  playSound: { ru: 'Включить звук', en: 'Turn the sound on' },
  mediaDenied: {
    ru: 'Нет доступа к микрофону или камере. Разрешите их для этого сайта в настройках браузера и позвоните снова.',
    en: 'No access to the microphone or camera. Allow them for this site in the browser settings and call again.',
  },
  mediaMissing: {
    ru: 'Микрофон не найден. Подключите его и позвоните снова.',
    en: 'No microphone found. Connect one and call again.',
  },
  mediaBusy: {
    ru: 'Микрофон или камера заняты другой программой. Закройте её и позвоните снова.',
    en: 'Another program is using the microphone or camera. Close it and call again.',
  },
  mediaInsecure: {
    ru: 'Звонки работают только при защищённом подключении (https).',
    en: 'Calls work only over a secure connection (https).',
  },
  mediaFailed: { ru: 'Не удалось включить микрофон.', en: 'Could not turn the microphone on.' },
})

export type CallKey = keyof typeof callTexts.ru
