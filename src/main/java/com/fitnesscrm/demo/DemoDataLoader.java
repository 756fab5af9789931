package com.fitnesscrm.demo;

import com.fitnesscrm.auth.api.LoginResponse;
import com.fitnesscrm.auth.api.Requests;
import com.fitnesscrm.auth.service.AccountService;
import com.fitnesscrm.auth.service.AuthService;
import com.fitnesscrm.clients.api.ClientRequests;
import com.fitnesscrm.clients.api.ClientView;
import com.fitnesscrm.clients.service.AssignmentService;
import com.fitnesscrm.clients.service.ClientService;
import com.fitnesscrm.common.config.AppConfig;
import com.fitnesscrm.common.security.Caller;
import com.fitnesscrm.common.security.Role;
import com.fitnesscrm.goals.api.GoalRequests;
import com.fitnesscrm.goals.service.GoalService;
import com.fitnesscrm.measurements.api.MeasurementRequests;
import com.fitnesscrm.measurements.service.MeasurementService;
import com.fitnesscrm.scheduling.api.RecurringRequests;
import com.fitnesscrm.scheduling.api.ScheduleViews;
import com.fitnesscrm.scheduling.api.SessionRequests;
import com.fitnesscrm.scheduling.api.SessionView;
import com.fitnesscrm.scheduling.service.RecurringSessionService;
import com.fitnesscrm.scheduling.service.ScheduleService;
import com.fitnesscrm.scheduling.service.SessionService;
import com.fitnesscrm.settings.api.SettingsRequest;
import com.fitnesscrm.settings.service.SettingsService;
import com.fitnesscrm.trainers.api.TrainerRequests;
import com.fitnesscrm.trainers.api.TrainerView;
import com.fitnesscrm.trainers.service.TrainerService;
import com.fitnesscrm.training.api.AssignmentRequests;
import com.fitnesscrm.training.api.ExerciseRequests;
import com.fitnesscrm.training.api.ProgramRequests;
import com.fitnesscrm.training.api.WorkoutLogRequests;
import com.fitnesscrm.training.api.WorkoutTemplateRequests;
import com.fitnesscrm.training.service.ExerciseService;
import com.fitnesscrm.training.service.ProgramService;
import com.fitnesscrm.training.service.WorkoutAssignmentService;
import com.fitnesscrm.training.service.WorkoutLogService;
import com.fitnesscrm.training.service.WorkoutTemplateService;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.context.control.ActivateRequestContext;
import org.jboss.logging.Logger;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Dev mode's demo organization: an admin, two trainers, a dozen clients and their calendar, created once through
 * the same services the API uses. The logins are listed in the README.
 */
@ApplicationScoped
public class DemoDataLoader {

    private static final Logger LOG = Logger.getLogger(DemoDataLoader.class);

    public static final String ADMIN_EMAIL = "admin@demo.fitnesscrm.app";
    public static final String ADMIN_PASSWORD = "Demo-Admin-2026!";
    public static final String TRAINER_PASSWORD = "Demo-Trainer-2026!";
    public static final String CLIENT_PASSWORD = "Demo-Client-2026!";

    private static final List<String[]> CLIENTS = List.of(
            new String[]{"Riley Morgan", "riley@demo.fitnesscrm.app", "34", "Run a half marathon", "active"},
            new String[]{"Casey Patel", "casey@demo.fitnesscrm.app", "41", "Lose 8 kg", "active"},
            new String[]{"Jamie Chen", "jamie@demo.fitnesscrm.app", "28", "First pull-up", "active"},
            new String[]{"Avery Brooks", "avery@demo.fitnesscrm.app", "52", "Mobility and back health", "active"},
            new String[]{"Quinn Rivera", "quinn@demo.fitnesscrm.app", "23", "Powerlifting meet", "active"},
            new String[]{"Morgan Lee", "morgan@demo.fitnesscrm.app", "37", "Post-natal strength", "pending"},
            new String[]{"Drew Santos", "drew@demo.fitnesscrm.app", "45", "Lower blood pressure", "active"},
            new String[]{"Skyler Kim", "skyler@demo.fitnesscrm.app", "31", "Build muscle", "active"},
            new String[]{"Harper Davis", "harper@demo.fitnesscrm.app", "60", "Balance and strength", "inactive"},
            new String[]{"Rowan Ali", "rowan@demo.fitnesscrm.app", "19", "Sprint speed", "active"},
            new String[]{"Emerson Ford", "emerson@demo.fitnesscrm.app", "48", "Ski season prep", "active"},
            new String[]{"Finley Novak", "finley@demo.fitnesscrm.app", "26", "General fitness", "active"});

    private final AppConfig config;
    private final AuthService auth;
    private final AccountService accounts;
    private final TrainerService trainers;
    private final ClientService clients;
    private final AssignmentService assignments;
    private final SettingsService settings;
    private final ScheduleService schedule;
    private final RecurringSessionService series;
    private final SessionService sessions;
    private final GoalService goals;
    private final MeasurementService measurements;
    private final ExerciseService exercises;
    private final WorkoutTemplateService workoutTemplates;
    private final ProgramService programs;
    private final WorkoutAssignmentService workoutAssignments;
    private final WorkoutLogService workoutLogs;
    private final DemoBilling billing;

    public DemoDataLoader(AppConfig config, AuthService auth, AccountService accounts, TrainerService trainers,
                          ClientService clients, AssignmentService assignments, SettingsService settings,
                          ScheduleService schedule, RecurringSessionService series, SessionService sessions,
                          GoalService goals, MeasurementService measurements,
                          ExerciseService exercises, WorkoutTemplateService workoutTemplates, ProgramService programs,
                          WorkoutAssignmentService workoutAssignments, WorkoutLogService workoutLogs,
                          DemoBilling billing) {
        this.config = config;
        this.auth = auth;
        this.accounts = accounts;
        this.trainers = trainers;
        this.clients = clients;
        this.assignments = assignments;
        this.settings = settings;
        this.schedule = schedule;
        this.series = series;
        this.sessions = sessions;
        this.goals = goals;
        this.measurements = measurements;
        this.exercises = exercises;
        this.workoutTemplates = workoutTemplates;
        this.programs = programs;
        this.workoutAssignments = workoutAssignments;
        this.workoutLogs = workoutLogs;
        this.billing = billing;
    }

    @ActivateRequestContext
    void onStart(@Observes StartupEvent event) {
        if (!config.demoData() || accounts.emailRegistered(ADMIN_EMAIL)) {
            return;
        }
        LOG.info("Loading the demo organization (dev mode)");
        LoginResponse admin = auth.register(new Requests.Register(ADMIN_EMAIL, ADMIN_PASSWORD, "Sam Admin",
                "Peak Performance Studio (demo)", null, "Europe/London"));
        Caller adminCaller = Caller.of(admin.user().id(), admin.user().organizationId(), Role.ADMIN, ADMIN_EMAIL);

        TrainerView alex = trainers.create(adminCaller, new TrainerRequests.Create("Alex Strong",
                "alex@demo.fitnesscrm.app", TRAINER_PASSWORD, "+1 555 0101", "Strength & conditioning",
                "NSCA-CSCS", 8, "Former collegiate rower; loves a deadlift PR.", new BigDecimal("75.00"), true));
        TrainerView blair = trainers.create(adminCaller, new TrainerRequests.Create("Blair Swift",
                "blair@demo.fitnesscrm.app", TRAINER_PASSWORD, "+1 555 0102", "Endurance & mobility",
                "ACE-CPT", 5, "Marathoner and yoga teacher.", new BigDecimal("60.00"), true));

        List<ClientView> created = new ArrayList<>();
        for (int i = 0; i < CLIENTS.size(); i++) {
            String[] c = CLIENTS.get(i);
            ClientView client = clients.create(adminCaller, new ClientRequests.Create(c[0], c[1], CLIENT_PASSWORD,
                    "+1 555 02" + String.format("%02d", i), Integer.valueOf(c[2]), c[3],
                    i % 4 == 0 ? "Mild asthma" : null, "Emergency contact of " + c[0].split(" ")[0],
                    "+1 555 09" + String.format("%02d", i), c[4], i % 3 == 0 ? "premium" : "standard"));
            long trainerId = i % 2 == 0 ? alex.id() : blair.id();
            assignments.assign(adminCaller, new ClientRequests.Assign(trainerId, client.id(), "Demo assignment"));
            created.add(client);
        }
        // Billing first: the packages bought are then used by the calendar's completed sessions.
        billing.load(adminCaller, created);
        loadCalendar(adminCaller, alex, blair, created);
        loadProgress(adminCaller, created);
        loadTraining(adminCaller, alex, blair, created);
        LOG.infof("Demo data ready: sign in as %s / %s", ADMIN_EMAIL, ADMIN_PASSWORD);
    }

    /**
     * A lived-in calendar: studio hours, a weekly series per active client (four weeks of history, six ahead),
     * past sessions completed with the odd no-show and late cancellation, a client's pending request and a
     * trainer's day off, so the dashboard and the calendar have something to show.
     */
    private void loadCalendar(Caller admin, TrainerView alex, TrainerView blair, List<ClientView> people) {
        List<ScheduleViews.WorkingPeriod> week = new ArrayList<>();
        for (int day = 0; day < 5; day++) {
            week.add(new ScheduleViews.WorkingPeriod(day, "07:00", "19:00"));
        }
        week.add(new ScheduleViews.WorkingPeriod(5, "08:00", "12:00"));
        settings.save(admin, new SettingsRequest("Peak Performance Studio", "Sam Admin", ADMIN_EMAIL,
                "+44 20 7946 0000", "1 Demo Street, London", "https://peak.example", null, null, null, null, null,
                null, null, null, null, null, null, null, week, 10, 24, null, null), false);

        LocalDate firstMonday = LocalDate.now().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).minusWeeks(4);
        for (int i = 0; i < people.size(); i++) {
            ClientView client = people.get(i);
            if (!"active".equals(client.status())) {
                continue;
            }
            int k = i / 2;
            int weekday = k % 5;
            String time = i % 2 == 0 ? (k < 5 ? "08:00" : "10:00") : (k < 5 ? "17:00" : "15:30");
            series.create(admin, new RecurringRequests.Create(i % 2 == 0 ? alex.id() : blair.id(), client.id(),
                    firstMonday.plusDays(weekday).toString(), time, "weekly", List.of(weekday), null, 10, 1, 60,
                    i % 3 == 0 ? "Strength" : "Conditioning", "Studio A", null, false));
        }
        int n = 0;
        Instant now = Instant.now();
        for (SessionView past : sessions.sessions(admin, new SessionRequests.Filter(null, null, "scheduled", null,
                now.minusSeconds(3600).toString()))) {
            n++;
            String outcome = n % 11 == 0 ? "cancelled" : n % 7 == 0 ? "no-show" : "completed";
            sessions.update(admin, past.id(), new SessionRequests.Update(null, null, null, null, null, null,
                    null, outcome, null, "cancelled".equals(outcome) ? Boolean.TRUE : null, null));
        }

        ClientView riley = people.get(0);
        LocalDate nextThursday = LocalDate.now().with(TemporalAdjusters.next(DayOfWeek.THURSDAY));
        sessions.create(Caller.of(riley.userId(), admin.organizationId(), Role.CLIENT, riley.email()),
                new SessionRequests.Create(alex.id(), riley.id(), nextThursday + "T14:00", 60, "Technique check",
                        "Studio B", "Could we look at my squat?", null, null));
        LocalDate blairOff = LocalDate.now().with(TemporalAdjusters.next(DayOfWeek.FRIDAY)).plusWeeks(1);
        Caller blairCaller = Caller.of(blair.userId(), admin.organizationId(), Role.TRAINER, blair.email());
        schedule.addTimeOff(blairCaller, new ScheduleViews.TimeOffRequest(null, blairOff.toString(),
                blairOff.toString(), "Race day"));
    }

    /**
     * Twelve weeks of weekly measurements and a goal or two with milestones for the first four clients, so the
     * progress charts and goal pages have a story to tell: weight and waist trending down, heart rate settling.
     * Casey's are entered in pounds and inches, as a client who thinks imperial would.
     */
    private void loadProgress(Caller admin, List<ClientView> people) {
        LocalDate today = LocalDate.now();
        for (int i = 0; i < 4; i++) {
            boolean imperial = i == 1;
            double lengthFactor = imperial ? 1 / 2.54 : 1;
            for (int done = 0; done < 12; done++) {
                double kg = 92 - 7 * i - done * (i == 2 ? -0.15 : 0.45) + (done % 3 == 1 ? 0.3 : 0);
                boolean taped = done % 2 == 0;
                boolean pressure = done % 4 == 0;
                measurements.create(admin, new MeasurementRequests.Save(people.get(i).id(),
                        today.minusWeeks(11L - done).toString(), imperial ? kg / 0.45359237 : kg,
                        imperial ? "lbs" : "kg", 27 - 2 * i - done * 0.3, null, null,
                        taped ? (104 - 3 * i - done * 0.3) * lengthFactor : null,
                        taped ? (98 - 5 * i - done * 0.6) * lengthFactor : null,
                        taped ? (104 - 2 * i - done * 0.4) * lengthFactor : null,
                        null, null, taped ? (33 + i) * lengthFactor : null, null, null, null,
                        imperial ? "inches" : "cm", (double) (72 - done / 2 - i), pressure ? 128.0 - done : null,
                        pressure ? 84.0 - done / 2.0 : null, done == 11 ? "Feeling strong this week" : null, null),
                        null);
            }
        }
        // client, title, category, target, unit, current, priority, weeks to go, milestones done, milestones…
        Object[][] plans = {
                {0, "Run a half marathon", "endurance", 21.1, "km", 12.0, "high", 10, 2,
                        new String[]{"Run 5 km without stopping", "Run 10 km", "Run 16 km"}},
                {0, "Sleep 8 hours a night", "habit", 7.0, "nights/week", 5.0, "low", 4, 1,
                        new String[]{"Screens off by 22:30"}},
                {1, "Lose 8 kg", "weight_loss", 8.0, "kg", 5.1, "high", 6, 2,
                        new String[]{"Lose the first 3 kg", "Lose 6 kg", "Reach the target"}},
                {2, "First strict pull-up", "strength", 1.0, "reps", 0.0, "medium", 8, 1,
                        new String[]{"Dead hang 30 s", "5 negatives of 5 s", "Band-assisted set of 5"}},
                {3, "Touch my toes", "mobility", 100.0, "%", 100.0, "medium", -1, 1,
                        new String[]{"Hamstring routine 3 times a week"}}};
        for (Object[] plan : plans) {
            LocalDate due = today.plusWeeks((Integer) plan[7]);
            String[] steps = (String[]) plan[9];
            List<GoalRequests.MilestoneSave> milestones = new ArrayList<>();
            for (int i = 0; i < steps.length; i++) {
                milestones.add(new GoalRequests.MilestoneSave(null, steps[i], null, null,
                        due.minusWeeks(2L * (steps.length - i)).toString(), i < (Integer) plan[8]));
            }
            double current = (Double) plan[5];
            double target = (Double) plan[3];
            goals.create(admin, new GoalRequests.Save(people.get((Integer) plan[0]).id(), (String) plan[1], null,
                    (String) plan[2], target, (String) plan[4], current, null, due.toString(), (String) plan[6],
                    current >= target ? "completed" : "active", null, null, milestones));
        }
    }

    /**
     * Training that shows something: public and private templates, a four-week program given to Riley three weeks
     * ago with a missed day, weekly targets and a weekday schedule for two more clients, and about three weeks of
     * logs with progressing loads, so records, completion and streaks have figures.
     */
    private void loadTraining(Caller admin, TrainerView alex, TrainerView blair, List<ClientView> people) {
        long org = admin.organizationId();
        Caller alexCaller = Caller.of(alex.userId(), org, Role.TRAINER, alex.email());
        Caller blairCaller = Caller.of(blair.userId(), org, Role.TRAINER, blair.email());
        Map<String, Long> ex = exercises.list(admin, new ExerciseRequests.Filter(null, null, null, null, null, null),
                        1, 1000).exercises().stream()
                .collect(Collectors.toMap(e -> e.name(), e -> e.id(), (a, b) -> a));

        long strengthA = workoutTemplates.create(alexCaller, new WorkoutTemplateRequests.Save("Full body strength A",
                null, "Squat, bench and row: the base of the program.", "strength", "intermediate", null, 60, 4, null,
                null, true, List.of(
                line(ex, "Barbell Back Squat", 3, "5", "progress 2.5 kg", 180),
                line(ex, "Barbell Bench Press", 3, "5", "progress 2.5 kg", 180),
                line(ex, "Barbell Row", 3, "8", null, 120),
                line(ex, "Plank", 3, null, "bodyweight", 60)))).template().id();
        long strengthB = workoutTemplates.create(alexCaller, new WorkoutTemplateRequests.Save("Full body strength B",
                null, "Deadlift, press and pull-ups.", "strength", "intermediate", null, 60, 4, null, null, true,
                List.of(line(ex, "Conventional Deadlift", 3, "5", null, 180),
                        line(ex, "Overhead Press", 3, "6-8", null, 120),
                        line(ex, "Pull-Up", 3, "AMRAP", "bodyweight", 120)))).template().id();
        long conditioning = workoutTemplates.create(blairCaller, new WorkoutTemplateRequests.Save("Engine builder",
                null, "Short intervals for the ski season.", "hiit", "beginner", null, 30, null, null, null, false,
                List.of(line(ex, "Kettlebell Swing", 5, "15", "16 kg", 45), line(ex, "Burpee", 5, "10", null, 45),
                        line(ex, "Rowing Machine", 1, null, null, 0)))).template().id();
        workoutTemplates.create(blairCaller, new WorkoutTemplateRequests.Save("Morning mobility", null,
                "Ten minutes before work.", "mobility", "beginner", null, 10, null, null, null, false,
                List.of(line(ex, "Hip Flexor Stretch", 2, null, null, 0))));

        List<ProgramRequests.DayLine> days = new ArrayList<>();
        for (int week = 0; week < 4; week++) {
            days.add(new ProgramRequests.DayLine(week * 7 + 1, strengthA));
            days.add(new ProgramRequests.DayLine(week * 7 + 3, strengthB));
            days.add(new ProgramRequests.DayLine(week * 7 + 5, strengthA));
        }
        long program = programs.create(alexCaller, new ProgramRequests.Save("Four-week strength base",
                "Three full-body sessions a week, rest days between.", 4, true, days)).program().id();

        ZoneId zone = ZoneId.of("Europe/London");
        LocalDate today = LocalDate.now(zone);
        LocalDate start = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).minusWeeks(3);
        ClientView riley = people.get(0);
        AssignmentRequests.Saved given = workoutAssignments.assign(alexCaller, new AssignmentRequests.Assign(
                riley.id(), null, program, null, null, start.toString(), null, null, "Build the base", null, null));
        Caller rileyCaller = Caller.of(riley.userId(), org, Role.CLIENT, riley.email());
        int n = 0;
        for (AssignmentRequests.ScheduledWorkoutView planned : given.scheduledWorkouts()) {
            if (!planned.scheduledDate().isBefore(today) || ++n == 4) {
                continue; // the days ahead, and one missed session
            }
            BigDecimal load = BigDecimal.valueOf(60 + 2.5 * n);
            List<WorkoutLogRequests.SetLine> sets = new ArrayList<>();
            long main = planned.workoutTemplateId() == strengthA ? ex.get("Barbell Back Squat")
                    : ex.get("Conventional Deadlift");
            for (int set = 1; set <= 3; set++) {
                sets.add(new WorkoutLogRequests.SetLine(main, set, set == 3 && n % 3 == 0 ? 3 : 5,
                        planned.workoutTemplateId() == strengthA ? load : load.add(BigDecimal.valueOf(20)), null,
                        BigDecimal.valueOf(7 + set % 2), true, null));
            }
            workoutLogs.log(rileyCaller, new WorkoutLogRequests.Create(riley.id(), planned.clientWorkoutId(), null,
                    planned.scheduledDate() + "T18:15", 55, 6 + n % 3, n == 1 ? "First week, felt good" : null, true,
                    sets));
        }

        // Jamie: two sessions a week without set days; Casey (Blair's): intervals every Tuesday and Thursday.
        ClientView jamie = people.get(2);
        long jamieCopy = workoutAssignments.assign(alexCaller, new AssignmentRequests.Assign(jamie.id(), strengthB,
                null, null, null, start.toString(), null, 2, null, null, null)).assignment().id();
        Caller jamieCaller = Caller.of(jamie.userId(), org, Role.CLIENT, jamie.email());
        for (LocalDate day = start; day.isBefore(today); day = day.plusDays(1)) {
            if (day.getDayOfWeek() == DayOfWeek.TUESDAY || day.getDayOfWeek() == DayOfWeek.SATURDAY) {
                workoutLogs.log(jamieCaller, new WorkoutLogRequests.Create(jamie.id(), jamieCopy, null,
                        day + "T07:30", 45, 7, null, true, List.of(new WorkoutLogRequests.SetLine(
                        ex.get("Pull-Up"), 1, 3 + (int) (day.toEpochDay() % 3), null, null, null, true, null))));
            }
        }
        ClientView casey = people.get(1);
        AssignmentRequests.Saved intervals = workoutAssignments.assign(blairCaller, new AssignmentRequests.Assign(
                casey.id(), conditioning, null, null, null, start.toString(), null, null, "Intervals for fat loss", null,
                List.of(1, 3)));
        Caller caseyCaller = Caller.of(casey.userId(), org, Role.CLIENT, casey.email());
        for (AssignmentRequests.ScheduledWorkoutView planned : intervals.scheduledWorkouts()) {
            if (planned.scheduledDate().isBefore(today)) {
                workoutLogs.log(caseyCaller, new WorkoutLogRequests.Create(casey.id(), planned.clientWorkoutId(),
                        null, planned.scheduledDate() + "T12:30", 30, 8, null, true, List.of(
                        new WorkoutLogRequests.SetLine(ex.get("Kettlebell Swing"), 1, 15, BigDecimal.valueOf(16),
                                null, null, true, null))));
            }
        }
    }

    private static WorkoutTemplateRequests.ExerciseLine line(Map<String, Long> exercises, String name, int sets,
                                                             String reps, String weight, int restSeconds) {
        return new WorkoutTemplateRequests.ExerciseLine(exercises.get(name), null, sets, reps, null, restSeconds,
                weight, null, null);
    }
}
