package dev.bridgekeeper.sandbox.internal;

import java.util.Arrays;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/**
 * The sandbox's sign-in accounts: the {@link SandboxUser}s with hashed passwords. Deliberately not
 * a {@code UserDetailsService} bean, so Spring Security never offers them to the API's chain.
 */
final class SandboxAccounts {

    private final PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
    private final UserDetailsService users;

    SandboxAccounts() {
        this.users = new InMemoryUserDetailsManager(Arrays.stream(SandboxUser.values())
                .map(user -> User.withUsername(user.username())
                        .password(encoder.encode(SandboxUser.PASSWORD))
                        .roles("SANDBOX_USER")
                        .build())
                .toList());
    }

    /** Hashes secrets the way the client-secret check expects them ({@code {bcrypt}…}). */
    String hash(String secret) {
        return encoder.encode(secret);
    }

    /** Checks a username and password typed on the sign-in page. */
    AuthenticationProvider signIn() {
        DaoAuthenticationProvider provider = new DaoAuthenticationProvider(users);
        provider.setPasswordEncoder(encoder);
        return provider;
    }
}
