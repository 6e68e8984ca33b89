import { error } from '../diagnostics.js';
import { addressOf, type ValidationRule } from './rule.js';

/**
 * Zendesk's schedule time zones are Rails' names (ActiveSupport::TimeZone; salto schedules:
 * "Central Time (US & Canada)"), not IANA ids. The sandbox keeps its own copy of this list on purpose.
 */
const RAILS_TIME_ZONES: ReadonlySet<string> = new Set([
  'International Date Line West', 'Midway Island', 'American Samoa', 'Hawaii', 'Alaska', 'Pacific Time (US & Canada)',
  'Tijuana', 'Mountain Time (US & Canada)', 'Arizona', 'Chihuahua', 'Mazatlan', 'Central Time (US & Canada)',
  'Saskatchewan', 'Guadalajara', 'Mexico City', 'Monterrey', 'Central America', 'Eastern Time (US & Canada)',
  'Indiana (East)', 'Bogota', 'Lima', 'Quito', 'Atlantic Time (Canada)', 'Caracas', 'La Paz', 'Santiago', 'Newfoundland',
  'Brasilia', 'Buenos Aires', 'Montevideo', 'Georgetown', 'Puerto Rico', 'Greenland', 'Mid-Atlantic', 'Azores',
  'Cape Verde Is.', 'Dublin', 'Edinburgh', 'Lisbon', 'London', 'Casablanca', 'Monrovia', 'UTC', 'Belgrade', 'Bratislava',
  'Budapest', 'Ljubljana', 'Prague', 'Sarajevo', 'Skopje', 'Warsaw', 'Zagreb', 'Brussels', 'Copenhagen', 'Madrid', 'Paris',
  'Amsterdam', 'Berlin', 'Bern', 'Zurich', 'Rome', 'Stockholm', 'Vienna', 'West Central Africa', 'Bucharest', 'Cairo',
  'Helsinki', 'Kyiv', 'Kyev', 'Riga', 'Sofia', 'Tallinn', 'Vilnius', 'Athens', 'Istanbul', 'Minsk', 'Jerusalem', 'Harare',
  'Pretoria', 'Kaliningrad', 'Moscow', 'St. Petersburg', 'Volgograd', 'Samara', 'Kuwait', 'Riyadh', 'Nairobi', 'Baghdad',
  'Tehran', 'Abu Dhabi', 'Muscat', 'Baku', 'Tbilisi', 'Yerevan', 'Kabul', 'Ekaterinburg', 'Islamabad', 'Karachi',
  'Tashkent', 'Chennai', 'Kolkata', 'Mumbai', 'New Delhi', 'Kathmandu', 'Dhaka', 'Sri Jayawardenepura', 'Almaty', 'Astana',
  'Novosibirsk', 'Rangoon', 'Bangkok', 'Hanoi', 'Jakarta', 'Krasnoyarsk', 'Beijing', 'Chongqing', 'Hong Kong', 'Urumqi',
  'Kuala Lumpur', 'Singapore', 'Taipei', 'Perth', 'Irkutsk', 'Ulaanbaatar', 'Seoul', 'Osaka', 'Sapporo', 'Tokyo',
  'Yakutsk', 'Darwin', 'Adelaide', 'Canberra', 'Melbourne', 'Sydney', 'Brisbane', 'Hobart', 'Vladivostok', 'Guam',
  'Port Moresby', 'Magadan', 'Srednekolymsk', 'Solomon Is.', 'New Caledonia', 'Fiji', 'Kamchatka', 'Marshall Is.',
  'Auckland', 'Wellington', "Nuku'alofa", 'Tokelau Is.', 'Chatham Is.', 'Samoa',
]);

const IANA_HINTS: Readonly<Record<string, string>> = { 'America/New_York': 'Eastern Time (US & Canada)', 'Europe/London': 'London', 'Europe/Berlin': 'Berlin', 'America/Los_Angeles': 'Pacific Time (US & Canada)', 'America/Chicago': 'Central Time (US & Canada)', 'Etc/UTC': 'UTC' };

/** A schedule's `time_zone` is one Zendesk knows. */
export const scheduleTimeZone: ValidationRule = {
  name: 'schedule-time-zone',
  description: "a schedule's time_zone is one of Zendesk's (Rails) time zone names",
  check: ({ objectsOf }) =>
    objectsOf('schedules')
      .filter((schedule) => typeof schedule.data.time_zone === 'string' && !RAILS_TIME_ZONES.has(schedule.data.time_zone))
      .map((schedule) => {
        const zone = String(schedule.data.time_zone);
        const hint = IANA_HINTS[zone];
        return error('schedule-time-zone', `time_zone "${zone}" is not one of Zendesk's time zones`, {
          address: addressOf(schedule),
          source: schedule.yaml.locate(['time_zone']),
          detail: hint ? `Zendesk names it "${hint}"` : 'Zendesk uses Rails time zone names, e.g. "Eastern Time (US & Canada)", "London", "Berlin", "UTC"',
        });
      }),
};
